package dev.mosaic.server.metrics;

import dev.mosaic.query.api.AgentConfig;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-agent series up to the limit, one gauge histogram beyond it, in the text Prometheus scrapes. */
class LastSeenCollectorTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private final List<AgentConfig> agents = List.of(agent("a"), agent("b"), agent("c"), agent("d"));
    /** a: streaming now; b: seen 30 s ago; c: seen 2 h ago; d: never seen. */
    private final Map<String, Instant> seen = Map.of("b", NOW.minusSeconds(30), "c", NOW.minusSeconds(7200));

    static String scrape(LastSeenCollector collector) throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(collector);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private LastSeenCollector collector(int limit) {
        return new LastSeenCollector(() -> agents, () -> List.of("a"), seen::get, limit,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void upToTheLimitEachSeenAgentHasItsOwnSeries() throws Exception {
        String text = scrape(collector(4));

        assertThat(text).contains("mosaic_agent_last_seen_seconds{agent=\"a\"} 0.0")
                .contains("mosaic_agent_last_seen_seconds{agent=\"b\"} 30.0")
                .contains("mosaic_agent_last_seen_seconds{agent=\"c\"} 7200.0")
                .doesNotContain("agent=\"d\"").doesNotContain("_bucket");
    }

    @Test
    void beyondTheLimitOneHistogramWithoutAgentLabels() throws Exception {
        String text = scrape(collector(3));

        assertThat(text).doesNotContain("agent=")
                .contains("mosaic_agent_last_seen_seconds_bucket{le=\"15.0\"} 1")
                .contains("mosaic_agent_last_seen_seconds_bucket{le=\"60.0\"} 2")
                .contains("mosaic_agent_last_seen_seconds_bucket{le=\"3600.0\"} 2")
                .contains("mosaic_agent_last_seen_seconds_bucket{le=\"21600.0\"} 3")
                .contains("mosaic_agent_last_seen_seconds_bucket{le=\"+Inf\"} 3");
    }

    @Test
    void tenThousandAgentsAreCollectedFromMemoryInMilliseconds() throws Exception {
        List<AgentConfig> fleet = new java.util.ArrayList<>();
        Map<String, Instant> seenAt = new java.util.HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            fleet.add(agent("agent-" + i));
            seenAt.put("agent-" + i, NOW.minusSeconds(i));
        }
        LastSeenCollector collector = new LastSeenCollector(() -> fleet, () -> List.of("agent-1"), seenAt::get, 1000,
                Clock.fixed(NOW, ZoneOffset.UTC));
        scrape(collector);

        long start = System.nanoTime();
        String text = scrape(collector);
        long millis = (System.nanoTime() - start) / 1_000_000;

        System.out.println("last-seen collect + text for 10,000 agents: " + millis + " ms");
        assertThat(text).contains("mosaic_agent_last_seen_seconds_bucket{le=\"+Inf\"} 10000");
        assertThat(millis).isLessThan(1000);
    }

    private static AgentConfig agent(String name) {
        return new AgentConfig("id-" + name, name, 1, "etag", new byte[0], null, "hash-" + name, true,
                "http://127.0.0.1:18789", "mag_token");
    }
}
