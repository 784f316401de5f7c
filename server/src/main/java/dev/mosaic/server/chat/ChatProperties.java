package dev.mosaic.server.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Timeouts of the chat proxy. The gateway itself retries a failing provider for 60–90 s before it answers,
 * so waiting for its first byte must outlast that; a stream that then stays silent as long is given up.
 */
@ConfigurationProperties("mosaic.chat")
public record ChatProperties(Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout) {
    public ChatProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        firstByteTimeout = firstByteTimeout == null ? Duration.ofSeconds(120) : firstByteTimeout;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(120) : idleTimeout;
    }
}
