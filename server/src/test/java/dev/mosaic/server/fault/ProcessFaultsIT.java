package dev.mosaic.server.fault;

import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.MosaicProcess;
import dev.mosaic.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The server process stopped the way machines stop it: SIGTERM with streams open, and kill -9 mid-write. */
class ProcessFaultsIT {
    private static final String KEY = "process-faults-test-key-0123456789abcdefghij";
    private static final String PASSWORD = "root-password-for-fault-tests";
    private static final String PROVIDER_KEY = "sk-process-faults-planted-key-c41e";

    @Test
    void sigtermWithAgentStreamsAndAChatStreamOpenEndsThemAndExitsWithinTenSeconds() throws Exception {
        String database = MosaicProcess.databaseUrl(TestDatabase.fresh());
        try (EndlessGateway gateway = new EndlessGateway(); MosaicProcess server = MosaicProcess.start(database, KEY)) {
            Api admin = onboard(server);
            String providerId = provider(admin, "shutdown-provider");
            List<String> tokens = new ArrayList<>();
            for (String agent : List.of("shutdown-a", "shutdown-b")) {
                tokens.add(agent(admin, agent, providerId, gateway.url()));
            }
            List<OpenStream> agentStreams = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                OpenStream stream = OpenStream.open(OpenStream.request(server.port(),
                                "/api/internal/agent-config/" + List.of("shutdown-a", "shutdown-b").get(i) + "/events")
                        .header("Authorization", "Bearer " + tokens.get(i)).build());
                assertThat(stream.status()).isEqualTo(200);
                stream.awaitFirstBytes(30);
                agentStreams.add(stream);
            }
            OpenStream chat = OpenStream.open(OpenStream.request(server.port(), "/api/chat/shutdown-a")
                    .header("Content-Type", "application/json")
                    .header("Cookie", "SESSION=" + admin.cookie("SESSION") + "; XSRF-TOKEN=" + admin.csrfToken())
                    .header("X-XSRF-TOKEN", admin.csrfToken())
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"messages\":[{\"role\":\"user\",\"content\":\"talk forever\"}],\"stream\":true}"))
                    .build());
            assertThat(chat.status()).isEqualTo(200);
            chat.awaitFirstBytes(30);

            Duration shutdown = server.terminate(Duration.ofSeconds(60));
            System.out.printf("[figures] SIGTERM with %d agent streams and 1 chat stream open: exited in %d ms%n",
                    agentStreams.size(), shutdown.toMillis());

            assertThat(shutdown).as("time from SIGTERM to exit; log:\n%s", server.tail())
                    .isLessThanOrEqualTo(Duration.ofSeconds(10));
            for (OpenStream stream : agentStreams) {
                assertThat(stream.awaitEnd(5)).as("the agent's stream ended").isTrue();
                assertThat(stream.received()).contains("event:config");
            }
            assertThat(chat.awaitEnd(5)).as("the chat stream ended").isTrue();
            assertThat(chat.received()).contains("tick 0").contains("event: error").contains("shutting down");
            server.assertLogHasNone(KEY, PASSWORD, PROVIDER_KEY, tokens.get(0), tokens.get(1));
        }
    }

    @Test
    void killNineDuringAStreamOfCommandsLosesNoAcknowledgedChange() throws Exception {
        String database = MosaicProcess.databaseUrl(TestDatabase.fresh());
        Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        try (MosaicProcess server = MosaicProcess.start(database, KEY)) {
            Api admin = onboard(server);
            int writers = 4;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            for (int w = 0; w < writers; w++) {
                int writer = w;
                pool.submit(() -> writeUntilStopped(admin, writer, sent, acknowledged, stop));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < 30 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            server.kill();
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(acknowledged).as("writes acknowledged before the kill").hasSizeGreaterThanOrEqualTo(30);
        }

        try (MosaicProcess restarted = MosaicProcess.start(database, KEY)) {
            Api admin = restarted.api();
            assertThat(admin.login("root", PASSWORD).status()).isEqualTo(200);
            List<String> lost = new ArrayList<>();
            acknowledged.forEach((id, displayNames) -> {
                Api.Response read = admin.get("/api/providers/" + id);
                if (read.status() != 200 || !displayNames.contains(read.json().get("displayName").asText())) {
                    lost.add(id + " expected one of " + displayNames + ", read " + read);
                }
            });
            System.out.printf("[figures] kill -9 during writes: %d sent, %d acknowledged, %d lost after restart%n",
                    sent.get(), acknowledged.size(), lost.size());
            assertThat(lost).as("acknowledged writes missing after the restart").isEmpty();
            restarted.assertLogHasNone(KEY, PASSWORD, PROVIDER_KEY);
        }
    }

    /**
     * Each round creates a provider and then renames it. What the server acknowledged is remembered as the
     * display names the provider may have: a rename in flight at the kill may or may not have happened.
     */
    private static void writeUntilStopped(Api admin, int writer, AtomicInteger sent,
                                          Map<String, Set<String>> acknowledged, AtomicBoolean stop) {
        for (int round = 0; !stop.get(); round++) {
            try {
                String name = "crash-" + writer + "-" + round;
                sent.incrementAndGet();
                Api.Response created = admin.post("/api/providers", providerBody(name));
                if (created.status() != 201) {
                    continue;
                }
                String id = created.json().get("id").asText();
                String renamed = name + " renamed";
                acknowledged.put(id, Set.of(name, renamed));
                sent.incrementAndGet();
                Api.Response patched = admin.patch("/api/providers/" + id, Map.of("displayName", renamed));
                acknowledged.put(id, patched.status() == 200 ? Set.of(renamed) : Set.of(name));
            } catch (RuntimeException e) {
                return; // the server is gone
            }
        }
    }

    private static Api onboard(MosaicProcess server) {
        Api admin = server.api();
        Api.Response created = admin.post("/api/onboarding/breakglass",
                Map.of("username", "root", "password", PASSWORD, "setupCode", server.setupCode()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return admin;
    }

    private static Map<String, Object> providerBody(String name) {
        return Map.of("name", name, "displayName", name, "type", "openai", "apiKey", PROVIDER_KEY,
                "models", List.of(Map.of("id", "gpt-test", "name", "GPT test")));
    }

    private static String provider(Api admin, String name) {
        Api.Response created = admin.post("/api/providers", providerBody(name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static String agent(Api admin, String name, String providerId, String gatewayUrl) {
        Api.Response created = admin.post("/api/agents", Map.of("name", name, "displayName", name,
                "gatewayUrl", gatewayUrl, "providerId", providerId, "primaryModel", "gpt-test"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("token").asText();
    }
}
