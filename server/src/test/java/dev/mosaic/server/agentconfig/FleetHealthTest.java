package dev.mosaic.server.agentconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fleet health without any rollout: the node an agent streams from probes its gateway's {@code /readyz} (every
 * {@code mosaic.health.interval}, half a second in the tests), the agent's status carries the last answer and
 * {@code mosaic_agents_unhealthy} counts the agents whose gateway is unready or unreachable.
 */
class FleetHealthTest extends IntegrationTest {
    private static final Pattern UNHEALTHY = Pattern.compile("(?m)^mosaic_agents_unhealthy(\\{[^}]*})? (\\S+)$");
    private static final Pattern SUBSCRIBERS = Pattern.compile("(?m)^mosaic_sse_subscribers(\\{[^}]*})? (\\S+)$");

    @Test
    void theStatusFollowsTheGatewayFromReadyToUnreadyToUnreachableAndTheMetricCountsIt() throws Exception {
        AtomicInteger readyzAnswer = new AtomicInteger(200);
        AtomicInteger probes = new AtomicInteger();
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/readyz", exchange -> {
            probes.incrementAndGet();
            exchange.sendResponseHeaders(readyzAnswer.get(), -1);
            exchange.close();
        });
        gateway.start();
        String providerId = createProvider(unique("health"), "m1");
        String agent = unique("health-agent");
        Api.Response created = admin.post("/api/agents", Map.of("name", agent, "displayName", agent,
                "gatewayUrl", "http://127.0.0.1:" + gateway.getAddress().getPort() + "/", "providerId", providerId,
                "primaryModel", "m1"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String token = created.json().get("token").asText();

        try {
            JsonNode notStreaming = health(agent);
            assertThat(notStreaming.get("state").asText()).isEqualTo("unknown");
            assertThat(notStreaming.get("checkedAt").isNull()).isTrue();
            assertThat(notStreaming.get("error").isNull()).isTrue();
            Thread.sleep(1500);
            assertThat(probes.get()).as("an agent that streams from no node is not probed").isZero();
            double others = quietBaseline();

            try (SseClient stream = new SseClient(port, agent, token, null)) {
                assertThat(stream.next(5).name()).isEqualTo("config");

                Instant before = Instant.now();
                JsonNode ready = awaitHealth(agent, "ready");
                assertThat(ready.get("error").isNull()).isTrue();
                assertThat(Instant.parse(ready.get("checkedAt").asText())).isAfter(before.minusSeconds(5));
                readyzAnswer.set(503);
                JsonNode unready = awaitHealth(agent, "unready");
                assertThat(unready.get("error").asText()).isEqualTo("HTTP 503");
                awaitScrape(s -> value(UNHEALTHY, s) == others + 1);

                gateway.stop(0);
                JsonNode unreachable = awaitHealth(agent, "unreachable");
                assertThat(unreachable.get("error").asText()).isEqualTo("connection refused");
                assertThat(Instant.parse(unreachable.get("checkedAt").asText()))
                        .isAfter(Instant.parse(unready.get("checkedAt").asText()));
                awaitScrape(s -> value(UNHEALTHY, s) == others + 1);
            }

            // the stream is gone: this node no longer probes the agent and says so
            awaitHealth(agent, "unknown");
            awaitScrape(s -> value(UNHEALTHY, s) == others);
        } finally {
            gateway.stop(0);
        }
    }

    /**
     * Unhealthy agents other than this test's: none once no stream is open (earlier tests' streams end at their next
     * heartbeat); if some other stream stays open, whatever they count now.
     */
    private double quietBaseline() {
        try {
            awaitScrape(s -> value(SUBSCRIBERS, s) == 0 && value(UNHEALTHY, s) == 0);
            return 0;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return value(UNHEALTHY, admin.get("/actuator/prometheus", "Accept", "text/plain").body());
        }
    }

    private JsonNode health(String agent) {
        Api.Response status = admin.get("/api/agents/" + agent + "/status");
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        return status.json().get("health");
    }

    private JsonNode awaitHealth(String agent, String state) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> state.equals((last[0] = health(agent)).get("state").asText()));
        return last[0];
    }

    private void awaitScrape(Predicate<String> condition) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Api.Response scrape = admin.get("/actuator/prometheus", "Accept", "text/plain");
            assertThat(scrape.status()).isEqualTo(200);
            return condition.test(scrape.body());
        });
    }

    private static double value(Pattern metric, String scrape) {
        Matcher m = metric.matcher(scrape);
        if (!m.find()) {
            throw new AssertionError("no " + metric + " in the scrape");
        }
        return Double.parseDouble(m.group(2));
    }
}
