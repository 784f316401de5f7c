package dev.mosaic.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A running Mosaic with agents that fetch their config, stream changes and report what they applied: every fleet
 * metric of DESIGN.md "Metrics" is scraped from {@code /actuator/prometheus} with the values the fleet implies, and
 * the Grafana dashboard in {@code ops/grafana} uses only metrics that exist.
 */
class FleetMetricsTest extends IntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theFleetIsScrapedWithTheValuesItImplies() throws Exception {
        assertThat(anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        Scrape before = quietScrape();

        String providerId = createProvider(unique("met"), "m1", "m2");
        String a = unique("met-agent");
        String b = unique("met-agent");
        String tokenA = createAgent(a, providerId, "m1");
        String tokenB = createAgent(b, providerId, "m1");
        assertThat(fetch(a, tokenA).statusCode()).isEqualTo(200);
        assertThat(fetch(b, tokenB).statusCode()).isEqualTo(200);
        try (Stream streamA = open(a, tokenA); Stream streamB = open(b, tokenB)) {
            assertThat(reportApplied(a, tokenA, 1).statusCode()).isLessThan(300);

            // b streams but has not reported: out of sync; a runs what it is served
            awaitScrape(s -> s.value("mosaic_agents", "state", "active") == before.value("mosaic_agents", "state", "active") + 2
                    && s.value("mosaic_agents_connected") == before.value("mosaic_agents_connected") + 2
                    && s.value("mosaic_sse_subscribers") == before.value("mosaic_sse_subscribers") + 2
                    && s.value("mosaic_agents_out_of_sync") == before.value("mosaic_agents_out_of_sync") + 1
                    && s.value("mosaic_agent_last_seen_seconds", "agent", a) == 0
                    && s.value("mosaic_agent_last_seen_seconds", "agent", b) == 0);

            Scrape beforeChange = scrape();
            admin.put("/api/agents/" + a + "/model", Map.of("providerId", providerId, "primaryModel", "m2",
                    "fallbacks", List.of()));
            assertThat(streamA.nextEvent()).contains("\"version\":2");

            // one version rendered, one notification sent (to a's stream), a now lags too
            Scrape changed = awaitScrape(s -> s.value("mosaic_agents_out_of_sync") == before.value("mosaic_agents_out_of_sync") + 2);
            assertThat(changed.value("mosaic_config_versions_rendered_total"))
                    .isEqualTo(beforeChange.value("mosaic_config_versions_rendered_total") + 1);
            assertThat(changed.value("mosaic_config_notifications_total"))
                    .isEqualTo(beforeChange.value("mosaic_config_notifications_total") + 1);
            assertThat(changed.value("mosaic_command_seconds_count", "command", "AssignAgentModel", "outcome", "success"))
                    .isEqualTo(beforeChange.valueOr(0, "mosaic_command_seconds_count", "command", "AssignAgentModel",
                            "outcome", "success") + 1);
            assertThat(changed.value("mosaic_command_seconds_bucket", "command", "AssignAgentModel", "outcome", "success",
                    "le", "+Inf")).isPositive();

            assertThat(reportApplied(a, tokenA, 2).statusCode()).isLessThan(300);
            awaitScrape(s -> s.value("mosaic_agents_out_of_sync") == before.value("mosaic_agents_out_of_sync") + 1);

            streamB.close();
            awaitScrape(s -> s.value("mosaic_agents_connected") == before.value("mosaic_agents_connected") + 1
                    && s.value("mosaic_sse_subscribers") == before.value("mosaic_sse_subscribers") + 1
                    && s.value("mosaic_agents_out_of_sync") == before.value("mosaic_agents_out_of_sync")
                    && s.value("mosaic_agent_last_seen_seconds", "agent", b) > 0);

            admin.patch("/api/agents/" + b, Map.of("active", false));
            Scrape last = awaitScrape(s -> s.value("mosaic_agents", "state", "inactive")
                    == before.value("mosaic_agents", "state", "inactive") + 1
                    && s.value("mosaic_agents", "state", "active") == before.value("mosaic_agents", "state", "active") + 1);

            long head = database.queryForObject("select max(global_index) from domain_event_entry", Long.class);
            assertThat(last.value("mosaic_event_store_position")).isEqualTo(head);
            assertThat(last.value("mosaic_event_processor_lag_events", "processor", "agent-config-renderer")).isZero();
            assertThat(last.value("mosaic_event_processor_latency", "processor", "render-requests")).isNotNaN();
            assertThat(last.names()).noneMatch(name -> name.startsWith("commandBus") || name.startsWith("eventProcessor"));
            assertThat(last.names()).contains("jvm_memory_used_bytes", "http_server_requests_seconds_count");

            Files.writeString(Path.of("target", "fleet-metrics-scrape.txt"), last.text());
            dashboardUsesOnlyScrapedMetrics(last);
        }
    }

    /** Every metric an expression of ops/grafana/mosaic.json names is in a scrape (or in the large-fleet histogram). */
    private void dashboardUsesOnlyScrapedMetrics(Scrape scrape) throws Exception {
        JsonNode dashboard = JSON.readTree(Path.of("..", "ops", "grafana", "mosaic.json").toFile());
        Set<String> known = new TreeSet<>(scrape.names());
        new Scrape(LastSeenCollectorTest.scrape(new LastSeenCollector(
                () -> List.of(), () -> List.of(), name -> null, -1, Clock.systemUTC()))).names().forEach(known::add);
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(10);
        Set<String> used = new TreeSet<>();
        expressions.forEach(expr -> used.addAll(metricNames(expr)));
        assertThat(used).as("metrics the dashboard uses").isNotEmpty().allSatisfy(name ->
                assertThat(known).as("scraped metric names").contains(name));
        assertThat(used).contains("mosaic_agents", "mosaic_agents_connected", "mosaic_agents_out_of_sync", "mosaic_agents_unhealthy",
                "mosaic_agent_last_seen_seconds", "mosaic_agent_last_seen_seconds_bucket",
                "mosaic_config_versions_rendered_total", "mosaic_config_notifications_total", "mosaic_sse_subscribers",
                "mosaic_command_seconds_bucket", "mosaic_event_store_position", "mosaic_event_processor_lag_events",
                "mosaic_event_processor_latency");
    }

    private static final Set<String> PROMQL_WORDS = Set.of("sum", "rate", "irate", "increase", "max", "min", "avg",
            "count", "by", "without", "histogram_quantile", "topk", "bottomk", "clamp_min", "on", "ignoring",
            "group_left", "or", "and", "unless", "time", "delta", "deriv", "abs", "sort_desc", "label_replace",
            "max_over_time", "avg_over_time", "le", "offset", "bool");

    /** Identifiers outside label matchers, grouping clauses, strings and ranges that are not PromQL words. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("\"[^\"]*\"", " ").replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (m.find()) {
            if (!PROMQL_WORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** A baseline once no stream of an earlier test is still open (they end at their next heartbeat). */
    private Scrape quietScrape() {
        try {
            return awaitScrape(s -> s.value("mosaic_sse_subscribers") == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return scrape();
        }
    }

    private Scrape awaitScrape(Predicate<Scrape> condition) {
        Scrape[] last = new Scrape[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> condition.test(last[0] = scrape()));
        return last[0];
    }

    private Scrape scrape() {
        Api.Response response = admin.get("/actuator/prometheus", "Accept", "text/plain");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new Scrape(response.body());
    }

    /** One scrape in the Prometheus text format: series with their labels and values. */
    record Scrape(String text) {
        private record Series(String name, Map<String, String> labels, double value) {
        }

        private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+).*$");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        List<Series> series() {
            List<Series> all = new ArrayList<>();
            for (String line : text.split("\n")) {
                Matcher m = LINE.matcher(line);
                if (line.startsWith("#") || !m.matches()) {
                    continue;
                }
                Map<String, String> labels = new HashMap<>();
                if (m.group(3) != null) {
                    Matcher l = LABEL.matcher(m.group(3));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2));
                    }
                }
                String value = m.group(4);
                all.add(new Series(m.group(1), labels, value.equals("+Inf") ? Double.POSITIVE_INFINITY
                        : value.equals("NaN") ? Double.NaN : Double.parseDouble(value)));
            }
            return all;
        }

        Set<String> names() {
            Set<String> names = new TreeSet<>();
            series().forEach(s -> names.add(s.name()));
            return names;
        }

        /** The value of the one series with this name and these label pairs; fails if there is none. */
        double value(String name, String... labels) {
            Double value = find(name, labels);
            if (value == null) {
                throw new AssertionError("no series " + name + " " + List.of(labels) + " in\n" + text);
            }
            return value;
        }

        double valueOr(double otherwise, String name, String... labels) {
            Double value = find(name, labels);
            return value == null ? otherwise : value;
        }

        private Double find(String name, String... labels) {
            for (Series s : series()) {
                boolean matches = s.name().equals(name);
                for (int i = 0; matches && i + 1 < labels.length; i += 2) {
                    matches = labels[i + 1].equals(s.labels().get(labels[i]));
                }
                if (matches) {
                    return s.value();
                }
            }
            return null;
        }
    }

    private HttpResponse<String> fetch(String agent, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(agent, "")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> reportApplied(String agent, String token, long version) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(agent, "/applied"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\":" + version + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String agent, String path) {
        return URI.create("http://127.0.0.1:" + port + "/api/internal/agent-config/" + agent + path);
    }

    /** An agent's open change stream, as the agent entrypoint holds it; closing it drops the connection. */
    private Stream open(String agent, String token) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri(agent, "/events"))
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        Stream stream = new Stream(response.body());
        assertThat(stream.nextEvent()).contains("\"version\":1");
        return stream;
    }

    private static final class Stream implements AutoCloseable {
        private final InputStream body;
        private final BufferedReader lines;

        Stream(InputStream body) {
            this.body = body;
            this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        }

        /** The data line of the next event (heartbeat comments skipped). */
        String nextEvent() throws Exception {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("data:")) {
                    return line;
                }
            }
            throw new AssertionError("stream ended");
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }
}
