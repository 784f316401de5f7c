package dev.mosaic.server.health;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The gateways' readiness probes: every {@code interval} this node asks {@code GET <gatewayUrl>/readyz} of each agent
 * streaming from it, at most {@code concurrency} at once, each given up after {@code timeout} (connect and answer).
 */
@ConfigurationProperties("mosaic.health")
record HealthProperties(Duration interval, Duration timeout, Integer concurrency) {
    HealthProperties {
        interval = interval == null ? Duration.ofSeconds(30) : interval;
        timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
        concurrency = concurrency == null ? 16 : concurrency;
        if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero() || concurrency < 1) {
            throw new IllegalArgumentException("mosaic.health.interval and .timeout must be positive, .concurrency at least 1");
        }
    }
}
