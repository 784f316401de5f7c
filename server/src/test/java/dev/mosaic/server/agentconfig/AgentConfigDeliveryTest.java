package dev.mosaic.server.agentconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.query.api.AgentConfigs;
import dev.mosaic.query.api.Rollouts;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's side of Mosaic: its config, SOUL.md, change stream and applied-version report, by its own token. */
class AgentConfigDeliveryTest extends IntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @Autowired
    private Rollouts rollouts;
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> fetch(String agent, String token, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/internal/agent-config/" + agent + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> reportApplied(String agent, String token, long version) throws Exception {
        return http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/internal/agent-config/" + agent + "/applied"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\":" + version + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAgentFetchesItsRenderedConfigWithETagVersionAndRevalidates() throws Exception {
        String providerId = createProvider(unique("cfg"), "m1", "m2");
        String agent = unique("cfg-agent");
        String token = createAgent(agent, providerId, "m1");

        HttpResponse<String> first = fetch(agent, token, "");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Config-Version")).hasValue("1");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        JsonNode config = JSON.readTree(first.body());
        assertThat(config.at("/gateway/auth/token").asText()).isEqualTo(token);
        assertThat(config.at("/gateway/mode").asText()).isEqualTo("local");
        assertThat(config.at("/agents/defaults/model/primary").asText()).endsWith("/m1");

        HttpResponse<String> again = fetch(agent, token, "", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void weakAndListedETagsRevalidateAndHeadAnswersAsGetDoes() throws Exception {
        String providerId = createProvider(unique("cfg"), "m1");
        String agent = unique("cfg-agent");
        String token = createAgent(agent, providerId, "m1");
        HttpResponse<String> get = fetch(agent, token, "");
        String etag = get.headers().firstValue("ETag").orElseThrow();

        assertThat(fetch(agent, token, "", "If-None-Match", "W/" + etag).statusCode()).isEqualTo(304);
        assertThat(fetch(agent, token, "", "If-None-Match", "\"other\", " + etag).statusCode()).isEqualTo(304);
        assertThat(fetch(agent, token, "", "If-None-Match", "*").statusCode()).isEqualTo(304);
        assertThat(fetch(agent, token, "", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);

        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/internal/agent-config/" + agent))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        for (String header : List.of("ETag", "X-Config-Version", "Cache-Control", "Content-Length")) {
            assertThat(head.headers().firstValue(header)).as(header).isEqualTo(get.headers().firstValue(header));
        }
        assertThat(head.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(get.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    }

    @Test
    void pathsThatOnlyLookLikeTheAgentsAreNotServedItsConfig() throws Exception {
        String providerId = createProvider(unique("cfg"), "m1");
        String agent = unique("cfg-agent");
        String token = createAgent(agent, providerId, "m1");
        String encoded = "%" + Integer.toHexString(agent.charAt(0)) + agent.substring(1);

        for (String path : List.of(encoded, agent + "/", agent + ";x=1", "x/../" + agent, agent.toUpperCase(), agent + "%2F")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + port + "/api/internal/agent-config/" + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isBetween(400, 404);
            assertThat(answer.body()).as(path).doesNotContain(token);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void noTokenOrAWrongTokenIs401AndAnotherAgentsTokenIs403() throws Exception {
        String providerId = createProvider(unique("cfg"), "m1");
        String mine = unique("cfg-agent");
        String theirs = unique("cfg-agent");
        String myToken = createAgent(mine, providerId, "m1");
        createAgent(theirs, providerId, "m1");

        assertThat(fetch(mine, null, "").statusCode()).isEqualTo(401);
        assertThat(fetch(mine, "mag_wrong", "").statusCode()).isEqualTo(401);
        HttpResponse<String> foreign = fetch(theirs, myToken, "");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(foreign.body()).doesNotContain(myToken);
    }

    @Test
    void aDisplayNameChangeKeepsTheVersionAndAModelChangeMovesIt() throws Exception {
        String providerId = createProvider(unique("cfg"), "m1", "m2");
        String agent = unique("cfg-agent");
        String token = createAgent(agent, providerId, "m1");

        admin.patch("/api/agents/" + agent, Map.of("displayName", "Another name"));
        assertThat(fetch(agent, token, "").headers().firstValue("X-Config-Version")).hasValue("1");

        admin.put("/api/agents/" + agent + "/model", Map.of("providerId", providerId, "primaryModel", "m2",
                "fallbacks", List.of()));
        HttpResponse<String> moved = fetch(agent, token, "");
        assertThat(moved.headers().firstValue("X-Config-Version")).hasValue("2");
        assertThat(JSON.readTree(moved.body()).at("/agents/defaults/model/primary").asText()).endsWith("/m2");
    }

    @Test
    void aProviderKeyChangeReRendersEveryAgentUsingItAndNoOther() throws Exception {
        String used = createProvider(unique("cfg"), "m1");
        String other = createProvider(unique("cfg"), "m1");
        String a = unique("cfg-agent");
        String b = unique("cfg-agent");
        String c = unique("cfg-agent");
        String tokenA = createAgent(a, used, "m1");
        String tokenB = createAgent(b, other, "m1");
        admin.put("/api/agents/" + b + "/model", Map.of("providerId", other, "primaryModel", "m1",
                "fallbacks", List.of(Map.of("providerId", used, "model", "m1"))));
        String tokenC = createAgent(c, other, "m1");

        admin.put("/api/providers/" + used + "/api-key", Map.of("apiKey", "sk-rotated-key"));

        assertThat(fetch(a, tokenA, "").headers().firstValue("X-Config-Version")).hasValue("2");
        assertThat(fetch(a, tokenA, "").body()).contains("sk-rotated-key");
        assertThat(fetch(b, tokenB, "").headers().firstValue("X-Config-Version")).hasValue("3");
        assertThat(fetch(c, tokenC, "").headers().firstValue("X-Config-Version")).hasValue("1");
        assertThat(fetch(c, tokenC, "").body()).doesNotContain("sk-rotated-key");
    }

    @Test
    void theSoulIsServedBesideTheConfigAnd404WithoutOne() throws Exception {
        String providerId = createProvider(unique("cfg"), "m1");
        String agent = unique("cfg-agent");
        String token = createAgent(agent, providerId, "m1");

        assertThat(fetch(agent, token, "/workspace/SOUL.md").statusCode()).isEqualTo(404);

        admin.patch("/api/agents/" + agent, Map.of("personality", "# Soul\nBe helpful."));
        HttpResponse<String> soul = fetch(agent, token, "/workspace/SOUL.md");
        assertThat(soul.statusCode()).isEqualTo(200);
        assertThat(soul.body()).isEqualTo("# Soul\nBe helpful.");
        assertThat(soul.headers().firstValue("X-Config-Version")).hasValue("2");
    }

    @Test
    void theStreamStartsWithTheCurrentVersionAndCarriesEveryChange() throws Exception {
        String providerId = createProvider(unique("cfg"), "m1", "m2");
        String agent = unique("cfg-agent");
        String token = createAgent(agent, providerId, "m1");

        try (SseClient stream = new SseClient(port, agent, token, "0")) {
            assertThat(stream.status()).isEqualTo(200);
            SseClient.Event first = stream.next(5);
            assertThat(first.name()).isEqualTo("config");
            assertThat(first.id()).isEqualTo("1");
            assertThat(JSON.readTree(first.data()).get("version").asLong()).isEqualTo(1);

            admin.put("/api/agents/" + agent + "/model", Map.of("providerId", providerId, "primaryModel", "m2",
                    "fallbacks", List.of()));

            SseClient.Event second = stream.next(5);
            assertThat(second.id()).isEqualTo("2");
            String etag = fetch(agent, token, "").headers().firstValue("ETag").orElseThrow();
            assertThat("\"" + JSON.readTree(second.data()).get("etag").asText() + "\"").isEqualTo(etag);
        }
    }

    @Test
    void anIdleStreamCarriesHeartbeatComments() throws Exception {
        String providerId = createProvider(unique("cfg"), "m1");
        String agent = unique("cfg-agent");
        String token = createAgent(agent, providerId, "m1");

        try (SseClient stream = new SseClient(port, agent, token, null)) {
            assertThat(stream.next(5).name()).isEqualTo("config");
            SseClient.Event beat = stream.nextComment(HEARTBEAT_SECONDS + 3);
            assertThat(beat).isNotNull();
            assertThat(beat.data()).isEqualTo("heartbeat");
        }
    }

    @Test
    void rotatingTheTokenClosesOpenStreamsAndTheOldTokenStopsWorking() throws Exception {
        String providerId = createProvider(unique("cfg"), "m1");
        String agent = unique("cfg-agent");
        String oldToken = createAgent(agent, providerId, "m1");

        try (SseClient stream = new SseClient(port, agent, oldToken, null)) {
            assertThat(stream.next(5).name()).isEqualTo("config");
            String newToken = admin.post("/api/agents/" + agent + "/token", null).json().get("token").asText();

            assertThat(stream.next(5)).isEqualTo(SseClient.CLOSED);
            assertThat(fetch(agent, oldToken, "").statusCode()).isEqualTo(401);
            HttpResponse<String> fresh = fetch(agent, newToken, "");
            assertThat(fresh.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(fresh.body()).at("/gateway/auth/token").asText()).isEqualTo(newToken);
        }
    }

    @Test
    void aDeactivatedAgentIsLockedOutAtOnceAndARemovedOneToo() throws Exception {
        String providerId = createProvider(unique("cfg"), "m1");
        String agent = unique("cfg-agent");
        String token = createAgent(agent, providerId, "m1");

        try (SseClient stream = new SseClient(port, agent, token, null)) {
            assertThat(stream.next(5).name()).isEqualTo("config");
            admin.patch("/api/agents/" + agent, Map.of("active", false));
            assertThat(stream.next(5)).isEqualTo(SseClient.CLOSED);
        }
        assertThat(fetch(agent, token, "").statusCode()).isEqualTo(401);

        admin.patch("/api/agents/" + agent, Map.of("active", true));
        assertThat(fetch(agent, token, "").statusCode()).isEqualTo(200);
        admin.delete("/api/agents/" + agent);
        assertThat(fetch(agent, token, "").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> report(String agent, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/internal/agent-config/" + agent + "/applied"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> answer, String field) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(answer.body()).at("/errors/0/field").asText()).as(answer.body()).isEqualTo(field);
    }

    @Test
    void anAgentReportsAVersionItCouldNotApplyAndItsAppliedVersionStaysTheLastGoodOne() throws Exception {
        String providerId = createProvider(unique("cfg"), "m1", "m2");
        String agent = unique("cfg-agent");
        String token = createAgent(agent, providerId, "m1");
        assertThat(report(agent, token, "{\"version\":1,\"status\":\"applied\"}").statusCode()).isEqualTo(204);
        assertThat(servedConfigs.applied(agent).status()).isEqualTo("applied");
        admin.put("/api/agents/" + agent + "/model", Map.of("providerId", providerId, "primaryModel", "m2",
                "fallbacks", List.of()));

        HttpResponse<String> failed = report(agent, token, "{\"version\":2,\"status\":\"failed\","
                + "\"error\":\"openclaw config validate: gateway.port: Too big \\\"70000\\\" ✗\"}");

        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(204);
        for (AgentConfigs.Applied applied : List.of(servedConfigs.applied(agent), servedConfigs.appliedAsStored(agent))) {
            assertThat(applied.version()).as("the last good version").isEqualTo(1);
            assertThat(applied.status()).isEqualTo("failed");
            assertThat(applied.failedVersion()).isEqualTo(2);
            assertThat(applied.error()).isEqualTo("openclaw config validate: gateway.port: Too big \"70000\" ✗");
            assertThat(applied.failedAt()).isNotNull();
        }
        JsonNode status = admin.get("/api/agents/" + agent + "/status").json();
        assertThat(status.get("currentVersion").asLong()).isEqualTo(2);
        assertThat(status.get("appliedVersion").asLong()).isEqualTo(1);
        assertThat(status.get("inSync").asBoolean()).isFalse();
        String agentId = servedConfigs.byName(agent).orElseThrow().agentId();
        assertThat(rollouts.reports(List.of(agentId))).as("what a rollout reads")
                .containsEntry(agentId, new Rollouts.AppliedReport(2, true,
                        "openclaw config validate: gateway.port: Too big \"70000\" ✗"));

        // untrusted text: bounded, one line, named in the problem; nothing of a refused report is kept
        assertRefused(report(agent, token, "{\"version\":2,\"status\":\"broken\"}"), "status");
        assertRefused(report(agent, token, "{\"version\":2,\"status\":\"failed\",\"error\":\"two\\nlines\"}"), "error");
        assertRefused(report(agent, token, "{\"version\":2,\"status\":\"failed\",\"error\":\"tab\\there\"}"), "error");
        assertRefused(report(agent, token, "{\"version\":2,\"status\":\"failed\",\"error\":\"\\u202Eevil\"}"), "error");
        assertRefused(report(agent, token, "{\"version\":2,\"status\":\"failed\",\"error\":\"" + "x".repeat(501) + "\"}"), "error");
        assertRefused(report(agent, token, "{\"version\":1,\"error\":\"fine\"}"), "error");
        assertRefused(report(agent, token, "{\"version\":3,\"status\":\"failed\",\"error\":\"no such version\"}"), "version");
        assertRefused(report(agent, token, "{\"version\":2,\"status\":\"failed\",\"reason\":\"unknown field\"}"), "reason");
        assertThat(servedConfigs.appliedAsStored(agent).error()).startsWith("openclaw config validate");

        // the longest text accepted; a secret the agent was served is never stored, even if a message quoted it
        String longest = "y".repeat(500);
        assertThat(report(agent, token, "{\"version\":2,\"status\":\"failed\",\"error\":\"" + longest + "\"}").statusCode())
                .isEqualTo(204);
        assertThat(servedConfigs.appliedAsStored(agent).error()).isEqualTo(longest);
        assertThat(report(agent, token, "{\"version\":2,\"status\":\"failed\",\"error\":\"token " + token
                + " refused\"}").statusCode()).isEqualTo(204);
        assertThat(servedConfigs.applied(agent).error()).isEqualTo("token [redacted] refused");
        assertThat(servedConfigs.appliedAsStored(agent).error()).isEqualTo("token [redacted] refused");

        // running an older version keeps the failure; running the refused one (or a later one) ends it
        assertThat(report(agent, token, "{\"version\":1}").statusCode()).isEqualTo(204);
        assertThat(servedConfigs.appliedAsStored(agent).status()).isEqualTo("failed");
        assertThat(report(agent, token, "{\"version\":2}").statusCode()).isEqualTo(204);
        for (AgentConfigs.Applied applied : List.of(servedConfigs.applied(agent), servedConfigs.appliedAsStored(agent))) {
            assertThat(applied.version()).isEqualTo(2);
            assertThat(applied.status()).isEqualTo("applied");
            assertThat(applied.failedVersion()).isNull();
            assertThat(applied.error()).isNull();
        }
        assertThat(admin.get("/api/agents/" + agent + "/status").json().get("inSync").asBoolean()).isTrue();
        assertThat(rollouts.reports(List.of(agentId))).containsEntry(agentId, new Rollouts.AppliedReport(2, false, null));
    }

    @Test
    void anAgentThatNeverRanAVersionMayReportAFailure() throws Exception {
        String providerId = createProvider(unique("cfg"), "m1");
        String agent = unique("cfg-agent");
        String token = createAgent(agent, providerId, "m1");

        assertThat(report(agent, token, "{\"version\":1,\"status\":\"failed\"}").statusCode()).isEqualTo(204);

        AgentConfigs.Applied stored = servedConfigs.appliedAsStored(agent);
        assertThat(stored.version()).isNull();
        assertThat(stored.failedVersion()).isEqualTo(1);
        assertThat(stored.error()).isNull();
        assertThat(stored.status()).isEqualTo("failed");
        assertThat(admin.get("/api/agents/" + agent + "/status").json().get("appliedVersion").isNull()).isTrue();
    }

    @Test
    void theStatusShowsDriftUntilTheAgentReportsTheVersionItRuns() throws Exception {
        String providerId = createProvider(unique("cfg"), "m1", "m2");
        String agent = unique("cfg-agent");
        String token = createAgent(agent, providerId, "m1");

        Api.Response before = admin.get("/api/agents/" + agent + "/status");
        assertThat(before.json().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(before.json().get("appliedVersion").isNull()).isTrue();
        assertThat(before.json().get("connected").asBoolean()).isFalse();

        assertThat(reportApplied(agent, token, 1).statusCode()).isEqualTo(204);
        assertThat(reportApplied(agent, token, 7).statusCode()).isEqualTo(400);
        try (SseClient stream = new SseClient(port, agent, token, null)) {
            stream.next(5);
            Api.Response after = admin.get("/api/agents/" + agent + "/status");
            assertThat(after.json().get("appliedVersion").asLong()).isEqualTo(1);
            assertThat(after.json().get("connected").asBoolean()).isTrue();
            assertThat(after.json().get("lastSeenAt").isNull()).isFalse();
        }
        assertThat(anonymous().get("/api/agents/" + agent + "/status").status()).isEqualTo(401);
    }
}
