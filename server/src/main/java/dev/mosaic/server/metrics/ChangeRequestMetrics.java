package dev.mosaic.server.metrics;

import dev.mosaic.query.api.ChangeRequestView;
import dev.mosaic.query.api.ChangeRequests;
import dev.mosaic.query.api.CurrentInstallation;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Four-eyes, read from the views at most once a second: change requests by state (the same on every node) and the
 * approvals the policy asks for.
 */
@Component
class ChangeRequestMetrics implements MeterBinder {
    static final List<String> STATES = List.of(ChangeRequestView.OPEN, ChangeRequestView.APPROVED,
            ChangeRequestView.APPLIED, ChangeRequestView.REJECTED, ChangeRequestView.CANCELLED);
    private final Snapshot<Map<String, Long>> counts;
    private final Snapshot<Integer> approvals;

    ChangeRequestMetrics(ChangeRequests requests, CurrentInstallation installation) {
        this.counts = new Snapshot<>(requests::countByState, 1000, Clock.systemUTC());
        this.approvals = new Snapshot<>(() -> installation.current().approvalsRequired(), 1000, Clock.systemUTC());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String state : STATES) {
            Gauge.builder("mosaic.change.requests", counts, c -> c.get().getOrDefault(state, 0L))
                    .tag("state", state).description("Four-eyes change requests, by state").register(registry);
        }
        Gauge.builder("mosaic.change.policy.approvals", approvals, a -> a.get())
                .description("Approvals by other admins each change needs (0: four-eyes off)").register(registry);
    }
}
