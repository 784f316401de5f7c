package dev.mosaic.server.agentconfig;

import dev.mosaic.server.MosaicApplication;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Mosaic nodes on one database: a change made through one node reaches the agents streaming from the
 * other (their projections never see the other node's events; PostgreSQL NOTIFY carries the news).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecondNodeTest extends IntegrationTest {
    private ConfigurableApplicationContext secondNode;
    private int secondPort;

    @BeforeAll
    void startSecondNode() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", TestDatabase.url("mosaic_it"));
        if (TestDatabase.user() != null) {
            properties.put("spring.datasource.username", TestDatabase.user());
        }
        properties.put("mosaic.secret-key", SECRET_KEY);
        properties.put("spring.jmx.enabled", false);
        secondNode = new SpringApplicationBuilder(MosaicApplication.class).properties(properties)
                .run("--server.port=0", "--server.address=127.0.0.1");
        secondPort = ((WebServerApplicationContext) secondNode).getWebServer().getPort();
    }

    @AfterAll
    void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    void aChangeMadeOnOneNodeReachesAnAgentStreamingFromTheOther() throws Exception {
        String providerId = createProvider(unique("node"), "m1", "m2");
        String agent = unique("node-agent");
        String token = createAgent(agent, providerId, "m1");

        try (SseClient stream = new SseClient(secondPort, agent, token, null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.next(10).id()).isEqualTo("1");

            admin.put("/api/agents/" + agent + "/model", Map.of("providerId", providerId, "primaryModel", "m2",
                    "fallbacks", List.of()));

            SseClient.Event moved = stream.next(10);
            assertThat(moved).isNotNull();
            assertThat(moved.id()).isEqualTo("2");
            HttpResponse<String> config = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + secondPort + "/api/internal/agent-config/" + agent))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(config.headers().firstValue("X-Config-Version")).hasValue("2");
            assertThat(config.body()).contains("/m2\"");
        }
    }

    @Test
    void aTokenRotatedOnOneNodeIsRefusedAndItsStreamClosedOnTheOther() throws Exception {
        String providerId = createProvider(unique("node"), "m1");
        String agent = unique("node-agent");
        String oldToken = createAgent(agent, providerId, "m1");

        try (SseClient stream = new SseClient(secondPort, agent, oldToken, null)) {
            assertThat(stream.next(10).name()).isEqualTo("config");
            String newToken = admin.post("/api/agents/" + agent + "/token", null).json().get("token").asText();

            assertThat(stream.next(10)).isEqualTo(SseClient.CLOSED);
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + secondPort + "/api/internal/agent-config/" + agent);
            assertThat(http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + oldToken).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + newToken).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        }
    }
}
