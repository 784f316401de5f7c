package dev.mosaic.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * The event store's head and how far the agent-config renderer trails it, in one indexed query per scrape.
 * Axon's own processors are subscribing (they run in the command's transaction, so they never trail); their
 * latency comes from Axon's Micrometer module. The renderer runs after the commit: its claimed position is just
 * before its oldest pending render request, or the head when none is pending.
 */
@Component
class EventStoreMetrics implements MeterBinder {
    static final String RENDERER = "agent-config-renderer";
    private final JdbcClient jdbc;
    private final Snapshot<Positions> positions;

    EventStoreMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.positions = new Snapshot<>(this::read, 1000, Clock.systemUTC());
    }

    record Positions(double head, double rendererLag) {
    }

    private Positions read() {
        try {
            return jdbc.sql("""
                            select (select coalesce(max(global_index), 0) from domain_event_entry),
                                   (select min(seq) from render_request)""")
                    .query((rs, n) -> {
                        long head = rs.getLong(1);
                        long oldestPending = rs.getLong(2);
                        boolean pending = !rs.wasNull();
                        return new Positions(head, pending ? Math.max(0, head - oldestPending + 1) : 0);
                    }).single();
        } catch (DataAccessException e) {
            return new Positions(Double.NaN, Double.NaN);
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("mosaic.event.store.position", positions, p -> p.get().head())
                .description("Global index of the newest event in the event store").register(registry);
        Gauge.builder("mosaic.event.processor.lag", positions, p -> p.get().rendererLag())
                .tag("processor", RENDERER).baseUnit("events")
                .description("Events an event processor still has to handle (head minus its claimed position)")
                .register(registry);
    }
}
