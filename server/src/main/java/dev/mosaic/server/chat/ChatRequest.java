package dev.mosaic.server.chat;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.util.List;
import java.util.UUID;

/**
 * The part of the OpenAI chat body that Mosaic reads, as the API documents it; the controller takes the body as
 * JSON and forwards every other field to the gateway as it is.
 */
record ChatRequest(List<ChatMessage> messages, @Nullable Boolean stream,
                   @Schema(description = "continues one of the caller's conversations; absent: a new conversation "
                           + "(its id comes back in the Mosaic-Conversation header)") @Nullable UUID conversationId) {
    record ChatMessage(@Schema(allowableValues = {"system", "user", "assistant"}) String role, String content) {
    }
}
