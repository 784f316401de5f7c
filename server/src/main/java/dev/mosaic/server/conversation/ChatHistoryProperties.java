package dev.mosaic.server.conversation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code mosaic.chat.retention-days}: conversations not added to for that long are deleted; unset keeps them. */
@ConfigurationProperties("mosaic.chat")
public record ChatHistoryProperties(Integer retentionDays) {
    public ChatHistoryProperties {
        if (retentionDays != null && retentionDays < 1) {
            throw new IllegalArgumentException("mosaic.chat.retention-days must be at least 1 (unset keeps every conversation)");
        }
    }
}
