package dev.mosaic.server.metrics;

import dev.mosaic.query.api.ApiTokenCredentials;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/** {@code mosaic_api_tokens{state="active"}}: tokens neither revoked nor expired (one query per scrape at most). */
@Component
class ApiTokenMetrics implements MeterBinder {
    private final Snapshot<Long> active;

    ApiTokenMetrics(ApiTokenCredentials tokens) {
        this.active = new Snapshot<>(() -> tokens.countActive(Instant.now()), 1000, Clock.systemUTC());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("mosaic.api.tokens", active, Snapshot::get).tag("state", "active")
                .description("API tokens that are neither revoked nor expired").register(registry);
    }
}
