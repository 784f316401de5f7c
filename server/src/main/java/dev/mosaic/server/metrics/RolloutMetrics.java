package dev.mosaic.server.metrics;

import dev.mosaic.query.api.RolloutView;
import dev.mosaic.query.api.Rollouts;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rollouts, read from the rollouts view at most once a second: finished rollouts by outcome (the same on every
 * node: take the max across instances) and the running rollout's agents by state.
 */
@Component
class RolloutMetrics implements MeterBinder {
    static final List<String> OUTCOMES = List.of("succeeded", "rolled_back", "aborted");
    static final List<String> AGENT_STATES = List.of("pending", "served", "applied", "healthy", "failed");
    private final Snapshot<Counts> counts;

    RolloutMetrics(Rollouts rollouts) {
        this.counts = new Snapshot<>(() -> count(rollouts), 1000, Clock.systemUTC());
    }

    record Counts(Map<String, Long> outcomes, Map<String, Long> agents) {
    }

    private static Counts count(Rollouts rollouts) {
        Map<String, Long> agents = new HashMap<>();
        rollouts.active().ifPresent(rollout -> {
            for (RolloutView.Wave wave : rollout.waves()) {
                wave.agents().forEach(a -> agents.merge(a.state(), 1L, Long::sum));
            }
        });
        return new Counts(rollouts.finishedByOutcome(), agents);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String outcome : OUTCOMES) {
            FunctionCounter.builder("mosaic.rollouts", counts, c -> c.get().outcomes().getOrDefault(outcome, 0L))
                    .tag("outcome", outcome).description("Finished rollouts, by outcome").register(registry);
        }
        for (String state : AGENT_STATES) {
            Gauge.builder("mosaic.rollout.agents", counts, c -> c.get().agents().getOrDefault(state, 0L))
                    .tag("state", state).description("Agents of the running rollout, by state").register(registry);
        }
    }
}
