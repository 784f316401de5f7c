package dev.mosaic.server.metrics;

import dev.mosaic.query.api.AgentStreams;
import dev.mosaic.query.api.ConfigRendering;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** Config versions this node rendered and change notifications it wrote to agents' streams. */
@Component
class DeliveryMetrics implements MeterBinder {
    private final ConfigRendering renderer;
    private final AgentStreams stream;

    DeliveryMetrics(ConfigRendering renderer, AgentStreams stream) {
        this.renderer = renderer;
        this.stream = stream;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("mosaic.config.versions.rendered", renderer, ConfigRendering::versionsRendered)
                .description("Agent config versions rendered and committed by this node").register(registry);
        FunctionCounter.builder("mosaic.config.notifications", stream, AgentStreams::notificationsSent)
                .description("Config change events written to agents' streams by this node").register(registry);
    }
}
