package dev.mosaic.server.conversation;

import java.time.Instant;
import java.util.UUID;

/** A conversation as the list shows it. */
public record ConversationSummary(UUID id, String agent, String title, Instant createdAt, Instant updatedAt,
                                  int messageCount) {
}
