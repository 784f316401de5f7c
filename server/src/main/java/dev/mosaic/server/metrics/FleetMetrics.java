package dev.mosaic.server.metrics;

import dev.mosaic.query.api.AgentConfig;
import dev.mosaic.query.api.AgentConfigs;
import dev.mosaic.query.api.AgentStreams;
import dev.mosaic.query.api.FleetHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * The fleet as this node serves it, read from memory (one pass over the agents per scrape, no query):
 * agents by state, agents with an open stream here, those among them whose applied version lags or whose gateway's
 * last readiness probe failed, open streams.
 */
@Component
class FleetMetrics implements MeterBinder {
    private final AgentConfigs store;
    private final AgentStreams stream;
    private final FleetHealth health;
    private final Snapshot<Fleet> fleet;

    FleetMetrics(AgentConfigs store, AgentStreams stream, FleetHealth health) {
        this.store = store;
        this.stream = stream;
        this.health = health;
        this.fleet = new Snapshot<>(this::count, 1000, Clock.systemUTC());
    }

    record Fleet(long active, long inactive, long connected, long outOfSync) {
    }

    Fleet count() {
        long active = 0;
        long inactive = 0;
        for (AgentConfig agent : store.agents()) {
            if (agent.active()) {
                active++;
            } else {
                inactive++;
            }
        }
        long connected = 0;
        long outOfSync = 0;
        for (String name : stream.connectedAgents()) {
            var config = store.byName(name);
            if (config.isEmpty()) {
                continue;
            }
            connected++;
            Long applied = store.applied(name).version();
            if (applied == null || applied != config.get().version()) {
                outOfSync++;
            }
        }
        return new Fleet(active, inactive, connected, outOfSync);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("mosaic.agents", fleet, f -> f.get().active()).tag("state", "active")
                .description("Agents served, by state").register(registry);
        Gauge.builder("mosaic.agents", fleet, f -> f.get().inactive()).tag("state", "inactive")
                .description("Agents served, by state").register(registry);
        Gauge.builder("mosaic.agents.connected", fleet, f -> f.get().connected())
                .description("Agents with at least one open change stream on this node").register(registry);
        Gauge.builder("mosaic.agents.out.of.sync", fleet, f -> f.get().outOfSync())
                .description("Connected agents whose applied version differs from the current one").register(registry);
        Gauge.builder("mosaic.agents.unhealthy", health, FleetHealth::unhealthyCount)
                .description("Agents streaming from this node whose gateway's last readiness probe found it unready or unreachable")
                .register(registry);
        Gauge.builder("mosaic.sse.subscribers", stream, AgentStreams::subscriberCount)
                .description("Open agent change streams on this node").register(registry);
    }
}
