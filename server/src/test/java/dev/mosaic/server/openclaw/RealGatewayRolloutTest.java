package dev.mosaic.server.openclaw;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A staged rollout with {@code verify: chat} on the real OpenClaw gateway (run by ops/agent/entrypoint.sh) and a
 * stub LLM that lists its models for any key but refuses chats with a bad one: the key passes the pre-flight model
 * list, reaches the canary, its real one-token chat fails, and the rollout rolls back: the gateway is back on the
 * good key and chats again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealGatewayRolloutTest extends IntegrationTest {
    private StubLlm llm;
    private Path workDir;
    private Process entrypoint;
    private String agent;
    private String token;
    private String providerId;
    private int gatewayPort;

    @BeforeAll
    void start() throws Exception {
        OpenClaw.binDir();
        llm = new StubLlm();
        workDir = Files.createTempDirectory("mosaic-rollout-gateway");
    }

    @AfterAll
    void stop() throws Exception {
        admin.put("/api/settings/rollout", Map.of("enabled", false));
        if (entrypoint != null && entrypoint.isAlive()) {
            entrypoint.destroy();
            entrypoint.waitFor();
        }
        if (llm != null) {
            llm.close();
        }
    }

    @Test
    void aKeyTheProviderRefusesForChatsIsCaughtAtTheCanaryAndRolledBack() throws Exception {
        Api.Response provider = admin.post("/api/providers", Map.of("name", unique("stub"), "displayName", "Stub",
                "type", "custom", "baseUrl", llm.baseUrl(), "apiKey", "sk-good-real",
                "models", List.of(Map.of("id", "stub-one", "name", "Stub one"))));
        assertThat(provider.status()).as(provider.body()).isEqualTo(201);
        providerId = provider.json().get("id").asText();
        agent = unique("canary");
        gatewayPort = OpenClaw.freePort();
        Api.Response created = admin.post("/api/agents", Map.of("name", agent, "displayName", "Canary",
                "gatewayUrl", "http://127.0.0.1:" + gatewayPort, "providerId", providerId, "primaryModel", "stub-one",
                "canary", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        token = created.json().get("token").asText();
        entrypoint = startEntrypoint();
        assertThat(OpenClaw.awaitReady(gatewayPort, Duration.ofSeconds(90))).as("gateway ready; log:\n" + log()).isTrue();
        long good = awaitApplied(Duration.ofSeconds(30));

        assertThat(admin.put("/api/settings/rollout", Map.of("enabled", true, "waves", List.of(100),
                "bakeSeconds", 2, "applyTimeoutSeconds", 60, "verify", "chat")).status()).isEqualTo(200);
        Api.Response bad = admin.put("/api/providers/" + providerId + "/api-key", Map.of("apiKey", "sk-bad-real"));
        assertThat(bad.status()).as(bad.body()).isEqualTo(200);
        String rolloutId = bad.header("Mosaic-Rollout");
        long started = System.nanoTime();

        JsonNode done = await(rolloutId, Duration.ofSeconds(240));
        System.out.printf("[figures] real gateway, verify chat: bad key rolled back %d ms after the write%n",
                (System.nanoTime() - started) / 1_000_000);
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("rolled_back");
        assertThat(done.get("failure").get("agent").asText()).isEqualTo(agent);
        assertThat(llm.authorizations()).as("the canary's gateway really tried the new key: " + done).contains("Bearer sk-bad-real");

        long back = awaitApplied(Duration.ofSeconds(60));
        assertThat(back).isGreaterThan(good);
        int before = llm.authorizations().size();
        assertThat(OpenClaw.awaitReady(gatewayPort, Duration.ofSeconds(30))).isTrue();
        awaitChatWithGoodKey(before);
    }

    private JsonNode await(String rolloutId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode rollout = null;
        while (System.nanoTime() < deadline) {
            Api.Response response = admin.get("/api/rollouts/" + rolloutId);
            rollout = response.status() == 200 ? response.json() : null;
            if (rollout != null && !rollout.get("finishedAt").isNull()) {
                return rollout;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("rollout did not end: " + rollout + "\n" + log());
    }

    /** Waits until the agent reports the version it is served now; returns it. */
    private long awaitApplied(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = admin.get("/api/agents/" + agent + "/status").json();
            if (status.path("appliedVersion").asLong(-1) == status.get("currentVersion").asLong()
                    && status.get("currentVersion").asLong() == status.get("targetVersion").asLong()) {
                return status.get("currentVersion").asLong();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not applied: " + status + "\n" + log());
    }

    private void awaitChatWithGoodKey(int before) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                            + gatewayPort + "/v1/chat/completions")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"model\":\"openclaw\",\"stream\":false,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            List<String> seen = llm.authorizations();
            if (response.statusCode() == 200 && seen.size() > before
                    && seen.get(seen.size() - 1).equals("Bearer sk-good-real")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the gateway did not chat with the good key again; log:\n" + log());
    }

    private Process startEntrypoint() throws Exception {
        return OpenClaw.startEntrypoint(workDir, port, agent, token);
    }

    private String log() {
        try {
            return Files.readString(workDir.resolve("entrypoint.log"));
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
