package dev.mosaic.server.openclaw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.query.api.AgentConfigs;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mosaic → ops/agent/entrypoint.sh → the real OpenClaw gateway → a stub LLM on 127.0.0.1, and chat back
 * through Mosaic's proxy. One gateway for the class (it needs ≈ 1 GB and 10–14 s to start); the steps run
 * in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealGatewayTest extends IntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1: the gateway answers an h2c upgrade attempt with 405
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private StubLlm llm;
    private Path workDir;
    private Process entrypoint;
    private Path entrypointLog;
    private String agent;
    private String token;
    private String providerId;
    private int gatewayPort;

    @BeforeAll
    void installAndStartStub() throws Exception {
        OpenClaw.binDir();
        llm = new StubLlm();
        workDir = Files.createTempDirectory("mosaic-real-gateway");
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (entrypoint != null && entrypoint.isAlive()) {
            entrypoint.destroyForcibly();
        }
        if (llm != null) {
            llm.close();
        }
    }

    @Test
    @Order(1)
    void everyRenderedShapePassesOpenClawsOwnValidation() throws Exception {
        String openai = providerOf("openai", null, "gpt-4o", "gpt-4o-mini");
        String anthropic = providerOf("anthropic", null, "claude-sonnet-4");
        String zai = providerOf("zai", null, "glm-5");
        String ollama = providerOfWithoutKey("ollama", "llama3.2");
        String custom = providerOf("custom", llm.baseUrl(), "stub-one");
        List<Map<String, Object>> shapes = List.of(
                agentBody(openai, "gpt-4o", List.of(), List.of()),
                agentBody(openai, "gpt-4o", List.of(Map.of("providerId", anthropic, "model", "claude-sonnet-4"),
                        Map.of("providerId", zai, "model", "glm-5")), List.of()),
                agentBody(custom, "stub-one", List.of(), List.of("web.fetch", "read", "mcp:*")),
                agentBody(anthropic, "claude-sonnet-4", List.of(), List.of()),
                agentBody(zai, "glm-5", List.of(Map.of("providerId", openai, "model", "gpt-4o-mini")), List.of()),
                agentBody(ollama, "llama3.2", List.of(), List.of()),
                agentBody(custom, "stub-one", List.of(Map.of("providerId", ollama, "model", "llama3.2")), List.of("exec")));
        List<String> failures = new ArrayList<>();
        for (Map<String, Object> shape : shapes) {
            Api.Response created = admin.post("/api/agents", shape);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String name = created.json().get("name").asText();
            Path file = workDir.resolve(name + ".json");
            Files.write(file, fetchConfig(name, created.json().get("token").asText()).body().getBytes(StandardCharsets.UTF_8));
            OpenClaw.Result result = OpenClaw.validate(file);
            if (result.exitCode() != 0) {
                failures.add(name + ": " + result.output());
            }
        }
        assertThat(failures).as("configs openclaw rejects").isEmpty();
    }

    @Test
    @Order(2)
    void theGatewayStartsOnTheFetchedConfigAndChatsReachTheStubWithTheConfiguredModel() throws Exception {
        providerId = providerOf("custom", llm.baseUrl(), "stub-one", "stub-two");
        agent = unique("live");
        gatewayPort = OpenClaw.freePort();
        Api.Response created = admin.post("/api/agents", Map.of("name", agent, "displayName", "Live",
                "gatewayUrl", "http://127.0.0.1:" + gatewayPort, "providerId", providerId, "primaryModel", "stub-one",
                "personality", "# Soul\nYou answer briefly."));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        token = created.json().get("token").asText();

        entrypoint = startEntrypoint();

        assertThat(OpenClaw.awaitReady(gatewayPort, Duration.ofSeconds(90))).as("gateway ready; log:\n" + log()).isTrue();
        assertThat(Files.readString(workDir.resolve("state/workspace/SOUL.md"))).contains("You answer briefly.");
        HttpResponse<String> chat = chat(gatewayPort);
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        assertThat(lastModelSeenByStub()).isEqualTo("stub-one");
        assertThat(llm.authorizations().get(llm.authorizations().size() - 1)).isEqualTo("Bearer sk-live-key");
    }

    @Test
    @Order(3)
    void afterTheModelIsReassignedTheAgentReportsItOnlyOnceTheGatewayRunsItAndTheNextChatUsesIt() throws Exception {
        Api.Response reassigned = admin.put("/api/agents/" + agent + "/model",
                Map.of("providerId", providerId, "primaryModel", "stub-two", "fallbacks", List.of()));
        long changed = System.nanoTime();
        assertThat(reassigned.status()).isEqualTo(200);
        long newVersion = currentVersion();

        JsonNode status = awaitApplied(newVersion, Duration.ofSeconds(30));
        double appliedAfterSeconds = (System.nanoTime() - changed) / 1e9;
        assertThat(status.get("appliedVersion").asLong()).as(log()).isEqualTo(newVersion);
        System.out.printf("real gateway: the new model was validated, applied and reported %.2f s after the change%n",
                appliedAfterSeconds);
        // the entrypoint validates the new file before it swaps it in (openclaw config validate: ≈ 1.5-2.5 s on a quiet
        // machine, 10 s and more on a busy 2-core one), then the gateway reloads it (≈ 1 s) and promotes it to
        // openclaw.json.last-good, which the entrypoint waits for; a report after its 30 s apply timeout would mean
        // that it never saw the proof
        assertThat(appliedAfterSeconds).as("applied in time; log:\n" + log()).isLessThan(30.0);
        assertThat(status.get("connected").asBoolean()).isTrue();
        assertThat(status.get("inSync").asBoolean()).isTrue();

        // reported applied means the gateway runs it: the very next chat uses the new model
        HttpResponse<String> chat = chat(gatewayPort);
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        assertThat(lastModelSeenByStub()).isEqualTo("stub-two");
    }

    @Test
    @Order(4)
    void aChatThroughMosaicStreamsTheRealGatewaysAnswer() throws Exception {
        String body = "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/chat/" + agent))
                .header("Cookie", "SESSION=" + admin.cookie("SESSION") + "; XSRF-TOKEN=" + admin.csrfToken())
                .header("X-XSRF-TOKEN", admin.csrfToken()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        StringBuilder text = new StringBuilder();
        answer.body().lines().filter(line -> line.startsWith("data: {")).forEach(line -> {
            try {
                text.append(JSON.readTree(line.substring(6)).at("/choices/0/delta/content").asText(""));
            } catch (java.io.IOException e) {
                throw new AssertionError(line, e);
            }
        });
        assertThat(text.toString()).contains("Hello from stub-two");
        assertThat(answer.body()).contains("data: [DONE]").doesNotContain(token);
        JsonNode lastChat = llm.chats().get(llm.chats().size() - 1);
        assertThat(lastChat.path("model").asText()).isEqualTo("stub-two");
    }

    @Test
    @Order(5)
    void aChangeOfTheGatewayPortRestartsTheGatewayOnTheNewPort() throws Exception {
        int oldPort = gatewayPort;
        int newPort = OpenClaw.freePort();
        Api.Response moved = admin.patch("/api/agents/" + agent, Map.of("gatewayUrl", "http://127.0.0.1:" + newPort));
        assertThat(moved.status()).isEqualTo(200);

        assertThat(OpenClaw.awaitReady(newPort, Duration.ofSeconds(90))).as("ready on the new port; log:\n" + log()).isTrue();
        assertThat(OpenClaw.refusesConnections(oldPort)).isTrue();
        gatewayPort = newPort;
        HttpResponse<String> chat = chat(newPort);
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void aConfigTheGatewayRefusesIsReportedFailedAndTheGatewayKeepsRunningThePreviousOne() throws Exception {
        Path config = workDir.resolve("state/openclaw.json");
        String good = Files.readString(config);
        long goodVersion = currentVersion();
        awaitReport(applied -> applied.version() != null && applied.version() == goodVersion, Duration.ofSeconds(10));

        // Mosaic takes any port in a URL; OpenClaw's schema refuses one above 65535
        Api.Response broken = admin.patch("/api/agents/" + agent, Map.of("gatewayUrl", "http://127.0.0.1:70000"));
        assertThat(broken.status()).as(broken.body()).isEqualTo(200);
        long refused = currentVersion();
        assertThat(refused).isGreaterThan(goodVersion);

        AgentConfigs.Applied report = awaitReport(applied -> Long.valueOf(refused).equals(applied.failedVersion()),
                Duration.ofSeconds(60));
        assertThat(report.status()).as(log()).isEqualTo("failed");
        assertThat(report.error()).as(log()).startsWith("openclaw config validate: gateway.port: ");
        assertThat(report.version()).as("the last good version").isEqualTo(goodVersion);
        assertThat(Files.readString(config)).as("the file the gateway runs").isEqualTo(good);
        assertThat(OpenClaw.awaitReady(gatewayPort, Duration.ofSeconds(5))).isTrue();
        HttpResponse<String> chat = chat(gatewayPort);
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        JsonNode status = admin.get("/api/agents/" + agent + "/status").json();
        assertThat(status.get("appliedVersion").asLong()).isEqualTo(goodVersion);
        assertThat(status.get("inSync").asBoolean()).isFalse();

        // the next version (here the same bytes as the good one) is applied, and the failure is over
        admin.patch("/api/agents/" + agent, Map.of("gatewayUrl", "http://127.0.0.1:" + gatewayPort));
        long back = currentVersion();
        AgentConfigs.Applied recovered = awaitReport(applied -> applied.version() != null && applied.version() == back,
                Duration.ofSeconds(30));
        assertThat(recovered.status()).isEqualTo("applied");
        assertThat(recovered.failedVersion()).isNull();
        assertThat(log()).contains("config version " + refused + " refused: openclaw config validate: gateway.port");
    }

    @Test
    @Order(7)
    void aValidConfigTheGatewayCannotRunOnIsRolledBackAndReportedFailed() throws Exception {
        Path config = workDir.resolve("state/openclaw.json");
        String good = Files.readString(config);
        long goodVersion = currentVersion();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            // valid for the validator; the restarted gateway cannot listen there and exits
            Api.Response moved = admin.patch("/api/agents/" + agent,
                    Map.of("gatewayUrl", "http://127.0.0.1:" + taken.getLocalPort()));
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            long tried = currentVersion();

            AgentConfigs.Applied report = awaitReport(applied -> Long.valueOf(tried).equals(applied.failedVersion()),
                    Duration.ofSeconds(240));
            assertThat(report.error()).as(log()).isNotBlank();
            assertThat(report.version()).isEqualTo(goodVersion);
        }
        assertThat(Files.readString(config)).isEqualTo(good);
        assertThat(OpenClaw.awaitReady(gatewayPort, Duration.ofSeconds(90))).as("back on the previous port; log:\n" + log()).isTrue();
        HttpResponse<String> chat = chat(gatewayPort);
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        assertThat(log()).contains("putting the previous config back", "restarting the gateway on the previous config");
    }

    @Test
    @Order(8)
    void sigtermStopsTheGatewayAndTheEntrypointAndNoSecretWasEverPrinted() throws Exception {
        entrypoint.destroy();
        assertThat(entrypoint.waitFor(60, TimeUnit.SECONDS)).as("entrypoint exited; log:\n" + log()).isTrue();
        assertThat(OpenClaw.refusesConnections(gatewayPort)).isTrue();
        assertThat(log()).doesNotContain(token).doesNotContain("sk-live-key");
    }

    private Process startEntrypoint() throws Exception {
        entrypointLog = workDir.resolve("entrypoint.log");
        return OpenClaw.startEntrypoint(workDir, port, agent, token);
    }

    private String log() {
        try {
            return entrypointLog == null ? "" : Files.readString(entrypointLog);
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private JsonNode awaitApplied(long version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status;
        do {
            status = admin.get("/api/agents/" + agent + "/status").json();
            if (status.path("appliedVersion").asLong(-1) == version) {
                return status;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return status;
    }

    private long currentVersion() {
        return admin.get("/api/agents/" + agent + "/status").json().get("currentVersion").asLong();
    }

    /** The agent's reports as this node holds them, once they match. */
    private AgentConfigs.Applied awaitReport(java.util.function.Predicate<AgentConfigs.Applied> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        AgentConfigs.Applied applied;
        do {
            applied = servedConfigs.applied(agent);
            if (condition.test(applied)) {
                return applied;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no such report within " + timeout + "; last " + applied.version() + "/"
                + applied.failedVersion() + " " + applied.error() + "; log:\n" + log());
    }

    private HttpResponse<String> chat(int gatewayPort) throws Exception {
        String body = "{\"model\":\"openclaw\",\"stream\":false,\"user\":\"mosaic:test\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String lastModelSeenByStub() {
        List<JsonNode> chats = llm.chats();
        return chats.isEmpty() ? "" : chats.get(chats.size() - 1).path("model").asText();
    }

    private HttpResponse<String> fetchConfig(String name, String agentToken) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/internal/agent-config/" + name))
                .header("Authorization", "Bearer " + agentToken).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String providerOf(String type, String baseUrl, String... models) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", unique(type), "displayName", type, "type", type,
                "apiKey", "sk-live-key", "models", java.util.Arrays.stream(models).map(m -> Map.of("id", m, "name", m)).toList()));
        if (baseUrl != null) {
            body.put("baseUrl", baseUrl);
        }
        Api.Response created = admin.post("/api/providers", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String providerOfWithoutKey(String type, String model) {
        Api.Response created = admin.post("/api/providers", Map.of("name", unique(type), "displayName", type,
                "type", type, "models", List.of(Map.of("id", model, "name", model, "contextWindow", 8192))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private Map<String, Object> agentBody(String providerId, String model, List<Map<String, String>> fallbacks,
                                          List<String> tools) {
        return Map.of("name", unique("shape"), "displayName", "Shape", "gatewayUrl", "http://127.0.0.1:18789",
                "providerId", providerId, "primaryModel", model, "fallbacks", fallbacks, "toolPermissions", tools);
    }
}
