package dev.mosaic.server.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.LogScan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staged rollouts against simulated agents (each fetching its config, reporting what it applied, and running a
 * gateway stub that chats only while its config is good) and a fake provider: a good change goes wave by wave, a
 * refused key is caught before any agent, a broken base URL is caught at the canary and no other agent ever
 * receives it, and a running rollout refuses version-moving writes but can be paused, resumed and promoted.
 */
class StagedRolloutTest extends IntegrationTest {
    private final List<SimulatedAgent> agents = new ArrayList<>();
    private FakeProvider provider;
    private String providerId;
    private String canary;

    @BeforeEach
    void fleet() throws Exception {
        provider = new FakeProvider();
        String name = unique("ro");
        Api.Response created = admin.post("/api/providers", Map.of("name", name, "displayName", name,
                "type", "custom", "baseUrl", provider.baseUrl(), "apiKey", LogScan.plant("sk-good-" + name),
                "models", List.of(Map.of("id", "m1", "name", "M1"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        providerId = created.json().get("id").asText();
        for (int i = 0; i < 3; i++) {
            String agentName = name + "-a" + i;
            Api.Response agent = admin.post("/api/agents", Map.of("name", agentName, "displayName", agentName,
                    "gatewayUrl", "http://127.0.0.1:9", "providerId", providerId, "primaryModel", "m1",
                    "canary", i == 2));
            assertThat(agent.status()).as(agent.body()).isEqualTo(201);
            SimulatedAgent simulated = new SimulatedAgent(agentName, agent.json().get("token").asText(), port);
            assertThat(admin.patch("/api/agents/" + agentName, Map.of("gatewayUrl", simulated.gatewayUrl())).status())
                    .isEqualTo(200);
            simulated.start();
            agents.add(simulated);
        }
        canary = name + "-a2";
        awaitRendered();
        await("every simulated agent runs its current version", () -> agents.stream().allMatch(a ->
                a.version() > 0 && a.version() == status(a.name).get("currentVersion").asLong()));
    }

    @AfterEach
    void stop() {
        admin.get("/api/rollouts?limit=5").json().get("items").forEach(r -> {
            if (r.get("finishedAt").isNull()) {
                admin.post("/api/rollouts/" + r.get("id").asText() + "/abort", Map.of());
            }
        });
        await("no rollout running", () -> {
            for (JsonNode r : admin.get("/api/rollouts?limit=5").json().get("items")) {
                if (r.get("finishedAt").isNull()) {
                    return false;
                }
            }
            return true;
        });
        assertThat(admin.put("/api/settings/rollout", Map.of("enabled", false)).status()).isEqualTo(200);
        agents.forEach(SimulatedAgent::close);
        provider.close();
    }

    @Test
    void theRolloutPolicyIsValidatedFieldByField() {
        assertThat(admin.get("/api/settings/rollout").json().get("enabled").asBoolean()).isFalse();
        Api.Response decreasing = admin.put("/api/settings/rollout", Map.of("enabled", true, "waves", List.of(50, 40)));
        assertThat(decreasing.status()).isEqualTo(400);
        assertThat(decreasing.json().get("errors").findValuesAsText("field")).contains("waves[1]", "waves");
        Api.Response verify = admin.put("/api/settings/rollout", Map.of("verify", "maybe", "bakeSeconds", -1));
        assertThat(verify.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("verify",
                "bakeSeconds");
        Api.Response saved = admin.put("/api/settings/rollout", Map.of("enabled", true, "waves", List.of(10, 100),
                "verify", "ready", "bakeSeconds", 1));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode policy = admin.get("/api/settings/rollout").json();
        assertThat(policy.get("waves").toString()).isEqualTo("[10,100]");
        assertThat(policy.get("verify").asText()).isEqualTo("ready");
        assertThat(admin.get("/api/audit?entityType=installation&limit=1").json().get("items").get(0)
                .get("eventType").asText()).isEqualTo("RolloutPolicySet");
    }

    @Test
    void aGoodChangeGoesWaveByWaveCanaryFirst() {
        policy(1);
        Api.Response write = admin.put("/api/providers/" + providerId + "/api-key",
                Map.of("apiKey", LogScan.plant("sk-good-next-" + providerId)));
        assertThat(write.status()).as(write.body()).isEqualTo(200);
        String rolloutId = write.header("Mosaic-Rollout");
        assertThat(rolloutId).as("the write names the rollout it starts").isNotBlank();

        JsonNode first = await("the canary's wave bakes", () -> rollout(rolloutId),
                r -> r.get("waves").get(0).get("state").asText().equals("baking"));
        assertThat(first.get("waves").get(0).get("agents").get(0).get("name").asText()).isEqualTo(canary);
        SimulatedAgent later = agents.get(0);
        JsonNode held = status(later.name);
        assertThat(held.get("targetVersion").asLong()).as("a later wave's agent is held back")
                .isGreaterThan(held.get("currentVersion").asLong());
        assertThat(held.get("rollout").get("wave").asInt()).isEqualTo(2);

        JsonNode done = await("the rollout succeeds", () -> rollout(rolloutId),
                r -> r.get("state").asText().equals("succeeded"));
        done.get("waves").forEach(wave -> {
            assertThat(wave.get("state").asText()).isEqualTo("succeeded");
            wave.get("agents").forEach(agent -> assertThat(agent.get("state").asText()).isEqualTo("healthy"));
        });
        await("every agent runs the new version", () -> agents.stream().allMatch(a ->
                a.documents.get(a.documents.size() - 1).contains("sk-good-next-")));
        assertThat(status(later.name).get("rollout").isNull()).isTrue();
    }

    @Test
    void aKeyTheProviderRefusesIsCaughtBeforeAnyAgentGetsIt() {
        policy(1);
        Api.Response write = admin.put("/api/providers/" + providerId + "/api-key",
                Map.of("apiKey", LogScan.plant("sk-bad-" + providerId)));
        String rolloutId = write.header("Mosaic-Rollout");

        JsonNode done = await("the rollout is rolled back", () -> rollout(rolloutId),
                r -> r.get("state").asText().equals("rolled_back"));
        assertThat(done.get("failure").get("agent").isNull()).isTrue();
        assertThat(done.get("failure").get("reason").asText()).contains("refused its new key");
        assertThat(done.get("waves").get(0).get("state").asText()).isEqualTo("pending");
        awaitRendered();
        pause(500);
        assertThat(agents).allSatisfy(a -> assertThat(a.documents).noneMatch(d -> d.contains("sk-bad")));
        JsonNode revert = admin.get("/api/audit?entityType=provider&entityId=" + providerId + "&limit=1").json()
                .get("items").get(0);
        assertThat(revert.get("actor").get("name").asText()).isEqualTo("rollout");
        assertThat(revert.get("summary").asText()).contains("revert to #").contains("rollout " + rolloutId);
    }

    @Test
    void aBrokenBaseUrlIsCaughtAtTheCanaryAndNoOtherAgentEverReceivesIt() {
        policy(1);
        Api.Response write = admin.patch("/api/providers/" + providerId,
                Map.of("baseUrl", provider.baseUrl() + "/broken"));
        assertThat(write.status()).as(write.body()).isEqualTo(200);
        String rolloutId = write.header("Mosaic-Rollout");

        JsonNode done = await("the rollout is rolled back", () -> rollout(rolloutId),
                r -> r.get("state").asText().equals("rolled_back"));
        assertThat(done.get("failure").get("agent").asText()).isEqualTo(canary);
        assertThat(done.get("failure").get("reason").asText()).contains("chat answered 502");
        SimulatedAgent canaryAgent = agents.get(2);
        await("the canary is back on the good config", () -> !canaryAgent.documents
                .get(canaryAgent.documents.size() - 1).contains("broken"));
        assertThat(canaryAgent.documents).anyMatch(d -> d.contains("broken"));
        assertThat(agents.subList(0, 2)).allSatisfy(a -> assertThat(a.documents).noneMatch(d -> d.contains("broken")));
    }

    @Test
    void aRotatedTokenIsServedAtOnceUnderAPolicy() {
        policy(1);
        SimulatedAgent agent = agents.get(0);
        long before = status(agent.name).get("currentVersion").asLong();
        Api.Response rotated = admin.post("/api/agents/" + agent.name + "/token", Map.of());
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.header("Mosaic-Rollout")).isNull();
        awaitRendered();
        JsonNode status = status(agent.name);
        assertThat(status.get("currentVersion").asLong()).isGreaterThan(before)
                .isEqualTo(status.get("targetVersion").asLong());
        assertThat(status.get("rollout").isNull()).isTrue();
    }

    @Test
    void anAgentReportingItCouldNotApplyTheChangeRollsItBack() {
        Api.Response saved = admin.put("/api/settings/rollout", Map.of("enabled", true, "waves", List.of(10, 100),
                "bakeSeconds", 1, "applyTimeoutSeconds", 20, "verify", "applied"));
        assertThat(saved.status()).isEqualTo(200);
        agents.get(2).refuseNext = true;
        String rolloutId = admin.put("/api/providers/" + providerId + "/api-key",
                Map.of("apiKey", LogScan.plant("sk-good-refused-" + providerId))).header("Mosaic-Rollout");

        JsonNode done = await("the rollout is rolled back", () -> rollout(rolloutId),
                r -> r.get("state").asText().equals("rolled_back"));
        assertThat(done.get("failure").get("agent").asText()).isEqualTo(canary);
        assertThat(done.get("failure").get("reason").asText()).contains("could not apply").contains("gateway not ready");
        assertThat(agents.subList(0, 2)).allSatisfy(a -> assertThat(a.documents)
                .noneMatch(d -> d.contains("sk-good-refused-")));
    }

    @Test
    void aRunningRolloutRefusesVersionMovingWritesAndCanBePausedResumedAndPromoted() {
        policy(30);
        String rolloutId = admin.put("/api/providers/" + providerId + "/api-key",
                Map.of("apiKey", LogScan.plant("sk-good-3-" + providerId))).header("Mosaic-Rollout");
        await("the canary's wave bakes", () -> rollout(rolloutId),
                r -> r.get("waves").get(0).get("state").asText().equals("baking"));

        Api.Response moving = admin.put("/api/providers/" + providerId + "/api-key",
                Map.of("apiKey", LogScan.plant("sk-good-4-" + providerId)));
        assertThat(moving.status()).isEqualTo(409);
        assertThat(moving.json().get("rolloutId").asText()).isEqualTo(rolloutId);
        assertThat(admin.patch("/api/agents/" + agents.get(0).name, Map.of("displayName", "Renamed")).status())
                .as("a write that moves no version passes").isEqualTo(200);

        assertThat(admin.post("/api/rollouts/" + rolloutId + "/pause", Map.of()).status()).isEqualTo(204);
        assertThat(admin.post("/api/rollouts/" + rolloutId + "/pause", Map.of()).status()).isEqualTo(409);
        assertThat(rollout(rolloutId).get("state").asText()).isEqualTo("paused");
        assertThat(admin.post("/api/rollouts/" + rolloutId + "/resume", Map.of()).status()).isEqualTo(204);
        assertThat(admin.post("/api/rollouts/" + rolloutId + "/promote", Map.of()).status()).isEqualTo(204);
        assertThat(admin.post("/api/rollouts/no-such-rollout/pause", Map.of()).status()).isEqualTo(404);
        assertThat(admin.get("/api/rollouts/no-such-rollout").status()).isEqualTo(404);

        JsonNode promoted = await("every remaining agent is served", () -> rollout(rolloutId),
                r -> r.get("waves").get(1).get("state").asText().equals("baking"));
        assertThat(promoted.get("state").asText()).isEqualTo("rolling");
        assertThat(admin.post("/api/rollouts/" + rolloutId + "/abort", Map.of()).status()).isEqualTo(204);
        JsonNode aborted = await("the abort rolls back", () -> rollout(rolloutId),
                r -> r.get("state").asText().equals("aborted"));
        assertThat(aborted.get("revertSeq").asLong()).isPositive();
        assertThat(admin.post("/api/rollouts/" + rolloutId + "/abort", Map.of()).status()).isEqualTo(409);
        await("every agent is back on the bytes before the change", () -> agents.stream().allMatch(a ->
                !a.documents.get(a.documents.size() - 1).contains("sk-good-3-")));
    }

    private void policy(int bakeSeconds) {
        Api.Response saved = admin.put("/api/settings/rollout", Map.of("enabled", true, "waves", List.of(10, 100),
                "bakeSeconds", bakeSeconds, "applyTimeoutSeconds", 20, "verify", "chat", "maxFailedAgents", 0));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private JsonNode rollout(String id) {
        Api.Response response = admin.get("/api/rollouts/" + id);
        return response.status() == 200 ? response.json() : null;
    }

    private JsonNode status(String name) {
        return admin.get("/api/agents/" + name + "/status").json();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        await(what, () -> condition.getAsBoolean() ? Boolean.TRUE : null, b -> true);
    }

    private static <T> T await(String what, java.util.function.Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + 40_000_000_000L;
        T last = null;
        while (System.nanoTime() < deadline) {
            last = read.get();
            if (last != null && done.test(last)) {
                return last;
            }
            pause(50);
        }
        throw new AssertionError("timed out waiting until " + what + "; last seen: " + last);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
