package dev.mosaic.server.agentconfig;

import dev.mosaic.server.MosaicApplication;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
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
 * other (whichever node renders it, PostgreSQL NOTIFY carries the news); failed sign-ins count across nodes;
 * OIDC settings saved through one node are what the other's next sign-in uses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecondNodeTest extends IntegrationTest {
    private ConfigurableApplicationContext secondNode;
    private int secondPort;
    private MockOAuth2Server idp;

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
    void stopIdp() {
        if (idp != null) {
            idp.shutdown();
        }
    }

    @AfterAll
    void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    void aRolloutStartedOnOneNodeServesItsWavesToAgentsOnBothNodes() throws Exception {
        try (dev.mosaic.server.rollout.FakeProvider llm = new dev.mosaic.server.rollout.FakeProvider()) {
            String name = unique("two-node-ro");
            Api.Response provider = admin.post("/api/providers", Map.of("name", name, "displayName", name,
                    "type", "custom", "baseUrl", llm.baseUrl(), "apiKey", "sk-good-two-node",
                    "models", List.of(Map.of("id", "m1", "name", "M1"))));
            String providerId = provider.json().get("id").asText();
            List<dev.mosaic.server.rollout.SimulatedAgent> agents = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    String agentName = name + "-" + i;
                    Api.Response created = admin.post("/api/agents", Map.of("name", agentName, "displayName",
                            agentName, "gatewayUrl", "http://127.0.0.1:9", "providerId", providerId, "primaryModel", "m1"));
                    var simulated = new dev.mosaic.server.rollout.SimulatedAgent(agentName,
                            created.json().get("token").asText(), i == 0 ? port : secondPort);
                    admin.patch("/api/agents/" + agentName, Map.of("gatewayUrl", simulated.gatewayUrl()));
                    simulated.start();
                    agents.add(simulated);
                }
                awaitTrue(() -> agents.stream().allMatch(a -> a.lastDocument().contains(a.gatewayUrl()
                        .substring(a.gatewayUrl().lastIndexOf(':') + 1))));
                assertThat(admin.put("/api/settings/rollout", Map.of("enabled", true, "waves", List.of(50, 100),
                        "bakeSeconds", 1, "verify", "chat")).status()).isEqualTo(200);
                String rolloutId = admin.put("/api/providers/" + providerId + "/api-key",
                        Map.of("apiKey", "sk-good-two-node-2")).header("Mosaic-Rollout");
                awaitTrue(() -> admin.get("/api/rollouts/" + rolloutId).json().path("state").asText().equals("succeeded"));
                awaitTrue(() -> agents.stream().allMatch(a -> a.lastDocument().contains("sk-good-two-node-2")));
            } finally {
                admin.put("/api/settings/rollout", Map.of("enabled", false));
                agents.forEach(dev.mosaic.server.rollout.SimulatedAgent::close);
            }
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 40_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(50);
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

    /** The other node's notice may not have arrived yet: the agent's first request there is served anyway. */
    @Test
    void anAgentCreatedOnOneNodeIsServedAtOnceOnTheOther() throws Exception {
        String providerId = createProvider(unique("node"), "m1");
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 10; i++) {
            String agent = unique("fresh-agent");
            String token = createAgent(agent, providerId, "m1");
            URI uri = URI.create("http://127.0.0.1:" + secondPort + "/api/internal/agent-config/" + agent);
            assertThat(http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).as(agent).isEqualTo(200);
        }
    }

    @Test
    void failedSignInsCountAcrossNodes() {
        String username = unique("guess");
        Api first = anonymous();
        Api second = new Api(secondPort);
        try {
            for (int attempt = 1; attempt <= 5; attempt++) {
                Api node = attempt % 2 == 0 ? second : first;
                assertThat(node.login(username, "wrong-" + attempt).status()).as("attempt " + attempt).isEqualTo(401);
            }

            Api.Response onFirst = first.login(username, "wrong-6");
            Api.Response onSecond = second.login(username, "wrong-7");

            assertThat(onFirst.status()).as(onFirst.body()).isEqualTo(429);
            assertThat(onSecond.status()).as(onSecond.body()).isEqualTo(429);
            assertThat(onSecond.header("Retry-After")).isNotNull();
        } finally {
            // this test's guesses share the client address 127.0.0.1 with every other test's sign-in
            database.update("delete from sign_in_failure");
        }
    }

    @Test
    void oidcSettingsSavedOnOneNodeAreUsedByTheOthersNextSignIn() {
        idp = new MockOAuth2Server();
        idp.start(0);
        String issuer = idp.issuerUrl("second-node").toString().replaceAll("/$", "");
        try {
            saveOidc(issuer, "first-client");
            Api browser = new Api(secondPort);
            assertThat(authorizeRedirect(browser)).startsWith(issuer + "/authorize").contains("client_id=first-client");

            saveOidc(issuer, "second-client");
            idp.enqueueCallback(new DefaultOAuth2TokenCallback("second-node", "bob-sub", "JWT",
                    List.of("second-client"), Map.of("groups", List.of("mosaic-admins"), "preferred_username", "bob"),
                    3600));
            List<Api.Response> hops = browser.navigate("/oauth2/authorization/oidc");

            assertThat(hops.get(0).header("Location")).contains("client_id=second-client");
            assertThat(browser.get("/api/auth/me").json().get("authMethod").asText()).as(hops.toString())
                    .isEqualTo("oidc");
        } finally {
            Api.Response current = admin.get("/api/settings/oidc");
            admin.delete("/api/settings/oidc", "If-Match", current.header("ETag"));
        }
    }

    private void saveOidc(String issuer, String clientId) {
        Api.Response saved = admin.put("/api/settings/oidc", Map.of("issuerUrl", issuer, "clientId", clientId,
                "clientSecret", "secret-of-" + clientId, "roleClaim", "groups", "adminValues", List.of("mosaic-admins"),
                "auditorValues", List.of()));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private String authorizeRedirect(Api browser) {
        Api.Response response = browser.getUrl("http://127.0.0.1:" + secondPort + "/oauth2/authorization/oidc");
        assertThat(response.status()).as(response.body()).isEqualTo(302);
        return response.header("Location");
    }
}
