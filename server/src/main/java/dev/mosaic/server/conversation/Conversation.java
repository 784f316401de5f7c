package dev.mosaic.server.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A conversation with its messages, oldest first. */
public record Conversation(UUID id, String agent, String title, Instant createdAt, Instant updatedAt,
                           List<ConversationMessage> messages) {
}
