package dev.mosaic.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.TestDatabase;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 17's figures, Mosaic as its own process: {@code agents} simulated agents, each following its change stream
 * and reporting every version it is told of as applied; one gateway stub for all of them (path per agent) that
 * answers {@code /readyz} and a one-token chat (failing with 502 while told to). A policy of waves [1, 10, 100] %,
 * bake 5 s, verify chat. Measured: (1) for each wave, the time from its last agent's applied report to the wave
 * baking (the verification's own delay) and from the end of its bake to the next wave's first served agent;
 * (2) a change the canary wave fails: from the first failing chat answer to every agent that had the change being
 * told of the revert's version.
 *
 * <pre>./bench/run.sh RolloutBenchmark [agents=1000]</pre>
 */
public final class RolloutBenchmark {
    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String database = TestDatabase.fresh();
        String url = database + (TestDatabase.user() == null ? "" : (database.contains("?") ? "&" : "?") + "user=" + TestDatabase.user());
        int port = FleetBenchmark.freePort();
        Process server = FleetBenchmark.launch(url, port);
        AtomicLong firstFailure = new AtomicLong();
        boolean[] failing = {false};
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        gateway.createContext("/", exchange -> {
            boolean chat = exchange.getRequestURI().getPath().endsWith("/chat/completions");
            exchange.getRequestBody().readAllBytes();
            int status = chat && failing[0] ? 502 : 200;
            if (status == 502) {
                firstFailure.compareAndSet(0, System.nanoTime());
            }
            byte[] body = (chat ? "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"p\"}}]}" : "ok")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        gateway.start();
        try {
            String code = FleetBenchmark.setupCode(server);
            FleetBenchmark.awaitUp(port);
            Api admin = new Api(port);
            BenchmarkServer.require(admin.post("/api/onboarding/breakglass", Map.of("username", "bench",
                    "password", "benchmark-password", "setupCode", code)), 201);
            Api.Response created = admin.post("/api/providers", Map.of("name", "fleet", "displayName", "Fleet",
                    "type", "openai", "models", List.of(Map.of("id", "m1", "name", "M1"), Map.of("id", "m2", "name", "M2"))));
            String provider = created.json().get("id").asText();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            SseClient streamsClient = new SseClient();
            Map<String, Long> appliedAt = new ConcurrentHashMap<>();
            List<FleetBenchmark.Stream> streams = new ArrayList<>();
            String gatewayBase = "http://127.0.0.1:" + gateway.getAddress().getPort();
            for (int i = 0; i < size; i++) {
                String name = String.format("ro-%04d", i);
                Api.Response agent = admin.post("/api/agents", Map.of("name", name, "displayName", name,
                        "gatewayUrl", gatewayBase + "/" + name, "providerId", provider, "primaryModel", "m1",
                        "canary", i % 100 == 0));
                BenchmarkServer.require(agent, 201);
                String token = agent.json().get("token").asText();
                FleetBenchmark.awaitRendered(admin, name);
                FleetBenchmark.Stream stream = new FleetBenchmark.Stream(streamsClient, port, name, token);
                stream.onVersion = version -> {
                    appliedAt.put(name + "@" + version, System.nanoTime());
                    http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                    + "/api/internal/agent-config/" + name + "/applied"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"version\":" + version + "}")).build(),
                            HttpResponse.BodyHandlers.discarding());
                };
                streams.add(stream);
            }
            for (FleetBenchmark.Stream stream : streams) {
                stream.awaitAny(60_000);
            }
            BenchmarkServer.require(admin.put("/api/settings/rollout", Map.of("enabled", true,
                    "waves", List.of(1, 10, 100), "bakeSeconds", 5, "applyTimeoutSeconds", 120, "verify", "chat")), 200);

            String rolloutId = admin.patch("/api/providers/" + provider, Map.of("models", List.of(
                    Map.of("id", "m1", "name", "M1 renamed"), Map.of("id", "m2", "name", "M2")))).header("Mosaic-Rollout");
            JsonNode done = awaitEnd(admin, rolloutId);
            System.out.printf("good change over %,d agents, waves [1, 10, 100] %%, bake 5 s, verify chat: %s in %s%n",
                    size, done.get("state").asText(), java.time.Duration.between(Instant.parse(done.get("startedAt")
                            .asText()), Instant.parse(done.get("finishedAt").asText())));
            Map<String, FleetBenchmark.Stream> byName = new HashMap<>();
            streams.forEach(s -> byName.put(s.agent, s));
            System.out.println("| wave | agents | served → every agent verified (applied + readyz + chat) | bake end → next wave served |");
            System.out.println("|---|---|---|---|");
            JsonNode waves = done.get("waves");
            for (int w = 0; w < waves.size(); w++) {
                JsonNode wave = waves.get(w);
                String next = "—";
                if (w + 1 < waves.size()) {
                    long bakeEnd = Instant.parse(wave.get("finishedAt").asText()).toEpochMilli();
                    long nextStart = Instant.parse(waves.get(w + 1).get("startedAt").asText()).toEpochMilli();
                    next = (nextStart - bakeEnd) + " ms";
                }
                long verified = Instant.parse(wave.get("finishedAt").asText()).toEpochMilli() - 5000
                        - Instant.parse(wave.get("startedAt").asText()).toEpochMilli();
                System.out.printf("| %d (%d %%) | %d | %d ms | %s |%n", w + 1,
                        wave.get("percent").asInt(), wave.get("agents").size(), verified, next);
            }

            failing[0] = true;
            Map<FleetBenchmark.Stream, Long> before = new HashMap<>();
            streams.forEach(s -> before.put(s, s.latest()));
            String failed = admin.patch("/api/providers/" + provider, Map.of("models", List.of(
                    Map.of("id", "m1", "name", "M1 broken"), Map.of("id", "m2", "name", "M2")))).header("Mosaic-Rollout");
            JsonNode rolledBack = awaitEnd(admin, failed);
            List<Double> back = new ArrayList<>();
            for (JsonNode agent : rolledBack.get("waves").get(0).get("agents")) {
                FleetBenchmark.Stream stream = byName.get(agent.get("name").asText());
                long reverted = stream.awaitVersion(agent.get("toVersion").asLong() + 1, 30_000);
                back.add((reverted - firstFailure.get()) / 1e6);
            }
            JsonNode canaryWave = rolledBack.get("waves").get(0);
            System.out.printf("failing canary wave: served %s, failed %s, rollback stored %s (wall clock)%n",
                    canaryWave.get("startedAt").asText(), canaryWave.get("finishedAt").asText(),
                    rolledBack.get("finishedAt").asText());
            System.out.printf("failing canary wave (%d agents): %s; first failing chat → every served agent told of "
                            + "the revert: max %.0f ms (target ≤ 5,000 ms); reason: %s%n",
                    back.size(), rolledBack.get("state").asText(), back.stream().mapToDouble(d -> d).max().orElse(0),
                    rolledBack.get("failure").get("reason").asText());
            long leaked = streams.stream().filter(s -> s.announced(before.get(s) + 1)
                    && rolledBack.get("waves").get(0).get("agents").findValuesAsText("name").stream()
                    .noneMatch(n -> n.equals(s.agent))).count();
            System.out.printf("agents outside the canary wave ever told of the failed change's version: %d (of %d)%n",
                    leaked, streams.size() - rolledBack.get("waves").get(0).get("agents").size());
        } finally {
            gateway.stop(0);
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static JsonNode awaitEnd(Api admin, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            Api.Response response = admin.get("/api/rollouts/" + id);
            if (response.status() == 200 && !response.json().get("finishedAt").isNull()) {
                return response.json();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("rollout " + id + " did not end");
    }
}
