package dev.mosaic.server.concurrency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes that race: set-based name uniqueness holds, and concurrent partial updates lose nothing. */
class ConcurrentWritesTest extends IntegrationTest {
    private static final int PARALLEL = 8;

    @Test
    void parallelCreatesOfOneProviderNameGiveOne201AndOnly409sOtherwise() throws Exception {
        String name = unique("race");

        List<Api.Response> responses = race(PARALLEL, i -> admin.post("/api/providers", Map.of("name", name,
                "displayName", "Attempt " + i, "type", "openai", "models", List.of(Map.of("id", "m" + i)))));

        assertOne201AndOnly409s(responses);
        assertThat(admin.get("/api/providers").json().get("items"))
                .filteredOn(p -> p.get("name").asText().equals(name)).hasSize(1);
        String winner = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow()
                .json().get("id").asText();
        assertThat(admin.get("/api/providers/" + winner).json().get("name").asText()).isEqualTo(name);
        assertThat(admin.get("/api/audit?entityType=provider&limit=500").json().get("items"))
                .filteredOn(e -> e.get("eventType").asText().equals("ProviderRegistered")
                        && e.get("summary").asText().contains(name))
                .hasSize(1);
    }

    @Test
    void parallelCreatesOfOneAgentNameGiveOne201AndOnly409sOtherwise() throws Exception {
        String providerId = createProvider(unique("prov"), "m1");
        String name = unique("race");

        List<Api.Response> responses = race(PARALLEL, i -> admin.post("/api/agents", Map.of("name", name,
                "displayName", "Attempt " + i, "gatewayUrl", "http://127.0.0.1:" + (18000 + i),
                "providerId", providerId, "primaryModel", "m1")));

        assertOne201AndOnly409s(responses);
        assertThat(admin.get("/api/agents").json().get("items"))
                .filteredOn(a -> a.get("name").asText().equals(name)).hasSize(1);
        Api.Response winner = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
        JsonNode agent = admin.get("/api/agents/" + name).json();
        assertThat(agent.get("displayName").asText()).startsWith("Attempt ");
        // the token the winner was given is the one that counts: rotating works on the agent it names
        assertThat(winner.json().get("token").asText()).startsWith("mag_");
        assertThat(admin.post("/api/agents/" + name + "/token", null).status()).isEqualTo(200);
    }

    @Test
    void parallelPatchesOfDifferentFieldsOfOneAgentAllSurvive() throws Exception {
        String providerId = createProvider(unique("prov"), "m1", "m2");
        for (int round = 0; round < 5; round++) {
            String name = unique("patch");
            createAgent(name, providerId, "m1");
            String tag = "r" + round;
            List<Map<String, Object>> patches = List.of(
                    Map.of("displayName", "Display " + tag),
                    Map.of("role", "role " + tag),
                    Map.of("gatewayUrl", "http://gateway-" + tag + ":18789"),
                    Map.of("personality", "Personality " + tag),
                    Map.of("toolPermissions", List.of("tool-" + tag)),
                    Map.of("primaryModel", "m2"));

            List<Api.Response> responses = race(patches.size(), i -> admin.patch("/api/agents/" + name, patches.get(i)));

            assertThat(responses).as("round " + round).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
            JsonNode agent = admin.get("/api/agents/" + name).json();
            assertThat(agent.get("displayName").asText()).isEqualTo("Display " + tag);
            assertThat(agent.get("role").asText()).isEqualTo("role " + tag);
            assertThat(agent.get("gatewayUrl").asText()).isEqualTo("http://gateway-" + tag + ":18789");
            assertThat(agent.get("personality").asText()).isEqualTo("Personality " + tag);
            assertThat(agent.get("toolPermissions")).extracting(JsonNode::asText).containsExactly("tool-" + tag);
            assertThat(agent.get("primaryModel").asText()).isEqualTo("m2");
            assertThat(agent.get("providerId").asText()).isEqualTo(providerId);
            long maxReturned = responses.stream().mapToLong(r -> r.json().get("version").asLong()).max().orElseThrow();
            assertThat(agent.get("version").asLong()).isEqualTo(maxReturned);
            assertThat(responses.stream().map(r -> r.json().get("version").asLong()).distinct().count())
                    .as("each patch was applied on top of the previous one").isEqualTo(patches.size());
        }
    }

    @Test
    void parallelPatchesOfDifferentFieldsOfOneProviderAllSurvive() throws Exception {
        String id = createProvider(unique("prov"), "m1");

        List<Map<String, Object>> patches = List.of(
                Map.of("displayName", "Parallel"),
                Map.of("baseUrl", "https://proxy.example.com/v1"),
                Map.of("apiType", "openai-responses"),
                Map.of("models", List.of(Map.of("id", "m1"), Map.of("id", "m9"))));
        List<Api.Response> responses = race(patches.size(), i -> admin.patch("/api/providers/" + id, patches.get(i)));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        JsonNode provider = admin.get("/api/providers/" + id).json();
        assertThat(provider.get("displayName").asText()).isEqualTo("Parallel");
        assertThat(provider.get("baseUrl").asText()).isEqualTo("https://proxy.example.com/v1");
        assertThat(provider.get("apiType").asText()).isEqualTo("openai-responses");
        assertThat(provider.get("models")).extracting(m -> m.get("id").asText()).containsExactly("m1", "m9");
    }

    @Test
    void parallelPatchesWithTheSameIfMatchLetExactlyOneWin() throws Exception {
        String providerId = createProvider(unique("prov"), "m1");
        String name = unique("ifmatch");
        createAgent(name, providerId, "m1");
        String etag = admin.get("/api/agents/" + name).header("ETag");

        List<Api.Response> responses = race(PARALLEL, i -> admin.patch("/api/agents/" + name,
                Map.of("displayName", "Writer " + i), "If-Match", etag));

        assertThat(responses).filteredOn(r -> r.status() == 200).as(responses.toString()).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() != 200).as(responses.toString())
                .allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(412));
        int winner = responses.indexOf(responses.stream().filter(r -> r.status() == 200).findFirst().orElseThrow());
        assertThat(admin.get("/api/agents/" + name).json().get("displayName").asText()).isEqualTo("Writer " + winner);
    }

    /** Runs {@code count} requests released at the same instant; returns their answers in order. */
    private static List<Api.Response> race(int count, IntFunction<Api.Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch ready = new CountDownLatch(count);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.apply(n);
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertOne201AndOnly409s(List<Api.Response> responses) {
        assertThat(responses).filteredOn(r -> r.status() == 201).as(responses.toString()).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() != 201).as(responses.toString())
                .allSatisfy(r -> {
                    assertThat(r.status()).as(r.body()).isEqualTo(409);
                    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
                });
    }
}
