package dev.mosaic.server.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.MosaicProcess;
import dev.mosaic.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar killed with SIGKILL while a rollout's first wave bakes, then started again on the same database:
 * the rollout carries on from PostgreSQL and ends (succeeded or rolled back) with no agent stranded on the change.
 */
class RolloutRestartIT {
    private static final String KEY = "rollout-restart-test-key-0123456789abcdefghij";
    private static final String PASSWORD = "root-password-for-rollout-tests";

    @Test
    void aRolloutSurvivesAKillDuringItsBake() throws Exception {
        String database = MosaicProcess.databaseUrl(TestDatabase.fresh());
        List<SimulatedAgent> agents = new ArrayList<>();
        try (FakeProvider provider = new FakeProvider()) {
            MosaicProcess first = MosaicProcess.start(database, KEY);
            Api admin = first.api();
            assertThat(admin.post("/api/onboarding/breakglass", Map.of("username", "root", "password", PASSWORD,
                    "setupCode", first.setupCode())).status()).isEqualTo(201);
            Api.Response created = admin.post("/api/providers", Map.of("name", "restart", "displayName", "Restart",
                    "type", "custom", "baseUrl", provider.baseUrl(), "apiKey", "sk-good-restart-1",
                    "models", List.of(Map.of("id", "m1", "name", "M1"))));
            String providerId = created.json().get("id").asText();
            for (String name : List.of("restart-a", "restart-b")) {
                Api.Response agent = admin.post("/api/agents", Map.of("name", name, "displayName", name,
                        "gatewayUrl", "http://127.0.0.1:9", "providerId", providerId, "primaryModel", "m1"));
                SimulatedAgent simulated = new SimulatedAgent(name, agent.json().get("token").asText(), first.port());
                admin.patch("/api/agents/" + name, Map.of("gatewayUrl", simulated.gatewayUrl()));
                simulated.start();
                agents.add(simulated);
            }
            await("both agents run their config", () -> agents.stream().allMatch(a -> a.version() >= 2));
            assertThat(admin.put("/api/settings/rollout", Map.of("enabled", true, "waves", List.of(50, 100),
                    "bakeSeconds", 8, "applyTimeoutSeconds", 60, "verify", "ready")).status()).isEqualTo(200);
            String rolloutId = admin.put("/api/providers/" + providerId + "/api-key",
                    Map.of("apiKey", "sk-good-restart-2")).header("Mosaic-Rollout");
            await("the first wave bakes", () -> baking(admin, rolloutId));

            first.kill();
            long killedAt = System.nanoTime();
            try (MosaicProcess second = MosaicProcess.start(database, KEY)) {
                agents.forEach(a -> a.follow(second.port()));
                Api again = second.api();
                assertThat(again.login("root", PASSWORD).status()).isEqualTo(200);
                JsonNode done = await("the rollout ends after the restart", () -> rollout(again, rolloutId),
                        r -> r != null && !r.get("finishedAt").isNull());
                System.out.printf("[figures] rollout killed while baking, restarted: ended %s %d ms after the kill%n",
                        done.get("state").asText(), (System.nanoTime() - killedAt) / 1_000_000);
                assertThat(done.get("state").asText()).isIn("succeeded", "rolled_back");
                for (SimulatedAgent agent : agents) {
                    JsonNode status = again.get("/api/agents/" + agent.name + "/status").json();
                    assertThat(status.get("currentVersion").asLong()).as("%s served its newest version", agent.name)
                            .isEqualTo(status.get("targetVersion").asLong());
                }
                String expected = done.get("state").asText().equals("succeeded") ? "sk-good-restart-2" : "sk-good-restart-1";
                await("every agent runs the same, final config", () -> agents.stream()
                        .allMatch(a -> a.lastDocument().contains(expected)));
            }
        } finally {
            agents.forEach(SimulatedAgent::close);
        }
    }

    private static boolean baking(Api admin, String id) {
        JsonNode rollout = rollout(admin, id);
        return rollout != null && rollout.get("waves").get(0).get("state").asText().equals("baking");
    }

    private static JsonNode rollout(Api admin, String id) {
        Api.Response response = admin.get("/api/rollouts/" + id);
        return response.status() == 200 ? response.json() : null;
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        await(what, () -> condition.getAsBoolean() ? Boolean.TRUE : null, b -> b != null);
    }

    private static <T> T await(String what, Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = read.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                // the server restarting
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("timed out waiting until " + what + "; last seen: " + last);
    }
}
