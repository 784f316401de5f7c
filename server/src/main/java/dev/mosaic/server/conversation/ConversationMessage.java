package dev.mosaic.server.conversation;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.time.Instant;

/**
 * One turn. An answer that was stopped (the person pressed Stop or left) or failed (the gateway failed or went
 * silent) is kept with what had arrived; {@code error} says why it failed.
 */
public record ConversationMessage(@Schema(allowableValues = {"system", "user", "assistant"}) String role,
                          String content,
                          Instant at,
                          @Schema(allowableValues = {"complete", "stopped", "failed"}) String status,
                          @Nullable String error) {
    public static final String COMPLETE = "complete";
    public static final String STOPPED = "stopped";
    public static final String FAILED = "failed";
}
