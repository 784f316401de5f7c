package dev.mosaic.server.metrics;

import dev.mosaic.query.api.AgentConfig;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code mosaic_agent_last_seen_seconds}: seconds since each agent was last seen (an open change stream counts as
 * seen now, otherwise its last config fetch or applied report). One series per agent (label {@code agent}) while
 * the fleet has at most {@code perAgentLimit} agents; beyond, one gauge histogram of those ages, so the series count
 * stays fixed whatever the fleet's size. Agents never seen are left out. Computed from memory at scrape time.
 * <p>
 * A Prometheus collector rather than Micrometer meters: Micrometer has no gauge histogram, and a meter per agent
 * would have to be registered and removed as agents come and go.
 */
final class LastSeenCollector implements Collector {
    static final String NAME = "mosaic_agent_last_seen_seconds";
    static final double[] BUCKETS = {15, 60, 300, 900, 3600, 21600, 86400, Double.POSITIVE_INFINITY};
    private static final String HELP = "Seconds since the agent was last seen (per agent up to the limit, else a histogram)";

    private final Supplier<Collection<AgentConfig>> agents;
    private final Supplier<Collection<String>> connectedAgents;
    private final Function<String, Instant> lastSeen;
    private final int perAgentLimit;
    private final Clock clock;

    /**
     * @param agents          the agents served now
     * @param connectedAgents names of the agents with an open stream
     * @param lastSeen        when an agent was last seen (null: never)
     */
    LastSeenCollector(Supplier<Collection<AgentConfig>> agents, Supplier<Collection<String>> connectedAgents,
                      Function<String, Instant> lastSeen, int perAgentLimit, Clock clock) {
        this.agents = agents;
        this.connectedAgents = connectedAgents;
        this.lastSeen = lastSeen;
        this.perAgentLimit = perAgentLimit;
        this.clock = clock;
    }

    private record Age(String agent, double seconds) {
    }

    @Override
    public String getPrometheusName() {
        return NAME;
    }

    @Override
    public MetricSnapshot collect() {
        Set<String> connected = new HashSet<>(connectedAgents.get());
        Instant now = clock.instant();
        List<Age> ages = new ArrayList<>();
        int fleet = 0;
        for (AgentConfig agent : agents.get()) {
            fleet++;
            if (connected.contains(agent.name())) {
                ages.add(new Age(agent.name(), 0));
                continue;
            }
            Instant seen = lastSeen.apply(agent.name());
            if (seen != null) {
                ages.add(new Age(agent.name(), Math.max(0, now.toEpochMilli() - seen.toEpochMilli()) / 1000.0));
            }
        }
        return fleet <= perAgentLimit ? perAgent(ages) : histogram(ages);
    }

    private static MetricSnapshot perAgent(List<Age> ages) {
        List<GaugeSnapshot.GaugeDataPointSnapshot> points = new ArrayList<>(ages.size());
        for (Age age : ages) {
            points.add(new GaugeSnapshot.GaugeDataPointSnapshot(age.seconds(), Labels.of("agent", age.agent()), null));
        }
        return new GaugeSnapshot(new MetricMetadata(NAME, HELP), points);
    }

    private static MetricSnapshot histogram(List<Age> ages) {
        long[] counts = new long[BUCKETS.length];
        double sum = 0;
        for (Age age : ages) {
            sum += age.seconds();
            for (int i = 0; i < BUCKETS.length; i++) {
                if (age.seconds() <= BUCKETS[i]) {
                    counts[i]++;
                    break;
                }
            }
        }
        var point = new HistogramSnapshot.HistogramDataPointSnapshot(ClassicHistogramBuckets.of(BUCKETS, counts), sum,
                Labels.EMPTY, null, 0L);
        return new HistogramSnapshot(true, new MetricMetadata(NAME, HELP), List.of(point));
    }
}
