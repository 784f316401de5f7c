package dev.mosaic.server.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * What the chat proxy hands to the archive for one request: the person's message, and later how the answer
 * ended. Built on the streaming path, so it only holds what arrived; the archive's thread reads it.
 */
public record ChatTurn(UUID conversation, ConversationOwner owner, String agent, boolean newConversation,
                       String role, String text, Instant at) {
}
