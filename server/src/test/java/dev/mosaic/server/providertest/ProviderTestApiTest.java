package dev.mosaic.server.providertest;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mosaic.server.openclaw.StubLlm;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Test connection" against stub providers on 127.0.0.1: the stub LLM for the OpenAI dialect, and a small
 * provider here that checks keys and headers the way OpenAI, Anthropic and Ollama do.
 */
class ProviderTestApiTest extends IntegrationTest {
    private static final String GOOD_KEY = "sk-good-key-1234567890";
    private static StubLlm llm;
    private static HttpServer provider;
    private static final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startStubs() throws IOException {
        llm = new StubLlm();
        provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        provider.createContext("/", ProviderTestApiTest::handle);
        provider.setExecutor(Executors.newFixedThreadPool(4));
        provider.start();
    }

    @AfterAll
    static void stopStubs() {
        llm.close();
        provider.stop(0);
    }

    private static String base() {
        return "http://127.0.0.1:" + provider.getAddress().getPort();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            var headers = exchange.getRequestHeaders();
            seen.add(Map.of("path", path,
                    "authorization", String.valueOf(headers.getFirst("Authorization")),
                    "x-api-key", String.valueOf(headers.getFirst("x-api-key")),
                    "anthropic-version", String.valueOf(headers.getFirst("anthropic-version"))));
            switch (path) {
                case "/openai/v1/models" -> {
                    if (("Bearer " + GOOD_KEY).equals(headers.getFirst("Authorization"))) {
                        respond(exchange, 200, "{\"data\":[{\"id\":\"gpt-x\"},{\"id\":\"gpt-y\"}]}");
                    } else {
                        respond(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided: "
                                + String.valueOf(headers.getFirst("Authorization")).replace("Bearer ", "") + "\"}}");
                    }
                }
                case "/anthropic/v1/models" -> {
                    boolean ok = GOOD_KEY.equals(headers.getFirst("x-api-key"))
                            && "2023-06-01".equals(headers.getFirst("anthropic-version"));
                    respond(exchange, ok ? 200 : 401, ok ? "{\"data\":[{\"id\":\"claude-test\"}]}"
                            : "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}");
                }
                case "/ollama/api/tags" -> respond(exchange, 200, "{\"models\":[{\"name\":\"llama3:8b\"},{\"name\":\"qwen2:7b\"}]}");
                case "/slow/models" -> {
                    try {
                        Thread.sleep(7_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    respond(exchange, 200, "{\"data\":[]}");
                }
                default -> respond(exchange, 404, "{\"error\":\"no route\"}");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Test
    void anUnsavedOpenAiStyleProviderAnswersWithLatencyAndItsModels() {
        Api.Response result = admin.post("/api/providers/test",
                Map.of("type", "custom", "baseUrl", llm.baseUrl(), "apiKey", "sk-anything"));

        assertThat(result.status()).as(result.body()).isEqualTo(200);
        JsonNode body = result.json();
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("status").asInt()).isEqualTo(200);
        assertThat(body.get("latencyMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(body.get("models")).extracting(JsonNode::asText).containsExactly("stub-one", "stub-two");
        assertThat(body.get("error").isNull()).isTrue();
    }

    @Test
    void aWrongKeyGivesTheProvidersOwnErrorWithoutEchoingTheKey() {
        String wrongKey = "sk-wrong-secret-key-987654321";
        Api.Response result = admin.post("/api/providers/test",
                Map.of("type", "openai", "baseUrl", base() + "/openai/v1", "apiKey", wrongKey));

        assertThat(result.status()).as(result.body()).isEqualTo(200);
        JsonNode body = result.json();
        assertThat(body.get("ok").asBoolean()).isFalse();
        assertThat(body.get("status").asInt()).isEqualTo(401);
        assertThat(body.get("error").asText()).contains("Incorrect API key provided");
        assertThat(result.body()).doesNotContain(wrongKey);
    }

    @Test
    void anthropicIsAskedWithItsOwnHeaders() {
        Api.Response result = admin.post("/api/providers/test",
                Map.of("type", "anthropic", "baseUrl", base() + "/anthropic", "apiKey", GOOD_KEY));

        JsonNode body = result.json();
        assertThat(body.get("ok").asBoolean()).as(result.body()).isTrue();
        assertThat(body.get("models")).extracting(JsonNode::asText).containsExactly("claude-test");
        assertThat(seen).anySatisfy(request -> {
            assertThat(request.get("path")).isEqualTo("/anthropic/v1/models");
            assertThat(request.get("x-api-key")).isEqualTo(GOOD_KEY);
            assertThat(request.get("anthropic-version")).isEqualTo("2023-06-01");
            assertThat(request.get("authorization")).isEqualTo("null");
        });
    }

    @Test
    void ollamaListsItsTags() {
        Api.Response result = admin.post("/api/providers/test", Map.of("type", "ollama", "baseUrl", base() + "/ollama"));

        JsonNode body = result.json();
        assertThat(body.get("ok").asBoolean()).as(result.body()).isTrue();
        assertThat(body.get("models")).extracting(JsonNode::asText).containsExactly("llama3:8b", "qwen2:7b");
    }

    @Test
    void aSavedProviderIsTestedWithItsStoredKey() {
        String name = unique("tested");
        Api.Response created = admin.post("/api/providers", Map.of("name", name, "displayName", name,
                "type", "openai", "baseUrl", base() + "/openai/v1", "apiKey", GOOD_KEY,
                "models", List.of(Map.of("id", "gpt-x", "name", "GPT X"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();

        Api.Response result = admin.post("/api/providers/" + id + "/test", null);

        assertThat(result.status()).as(result.body()).isEqualTo(200);
        assertThat(result.json().get("ok").asBoolean()).as(result.body()).isTrue();
        assertThat(result.json().get("models")).extracting(JsonNode::asText).containsExactly("gpt-x", "gpt-y");
        assertThat(result.body()).doesNotContain(GOOD_KEY);
    }

    @Test
    void aSavedProviderAgainstTheStubLlm() {
        String name = unique("stubbed");
        Api.Response created = admin.post("/api/providers", Map.of("name", name, "displayName", name,
                "type", "custom", "baseUrl", llm.baseUrl(), "apiKey", "sk-stub-key",
                "models", List.of(Map.of("id", "stub-one"))));
        String id = created.json().get("id").asText();

        Api.Response result = admin.post("/api/providers/" + id + "/test", null);

        assertThat(result.json().get("ok").asBoolean()).as(result.body()).isTrue();
        assertThat(result.json().get("models")).extracting(JsonNode::asText).contains("stub-one");
    }

    @Test
    void anUnreachableProviderAndASlowOneFailWithAReason() {
        Api.Response refused = admin.post("/api/providers/test",
                Map.of("type", "custom", "baseUrl", "http://127.0.0.1:1/v1", "apiKey", "sk-x"));
        assertThat(refused.json().get("ok").asBoolean()).isFalse();
        assertThat(refused.json().get("error").asText()).contains("connection refused");

        long started = System.nanoTime();
        Api.Response slow = admin.post("/api/providers/test", Map.of("type", "custom", "baseUrl", base() + "/slow"));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(slow.json().get("ok").asBoolean()).isFalse();
        assertThat(slow.json().get("error").asText()).contains("5 s");
        assertThat(tookMs).isLessThan(6_900);
    }

    @Test
    void invalidInputIsAFieldErrorAndUnknownProvidersAre404() {
        Api.Response custom = admin.post("/api/providers/test", Map.of("type", "custom"));
        assertThat(custom.status()).isEqualTo(400);
        assertThat(custom.json().get("errors").get(0).get("field").asText()).isEqualTo("baseUrl");

        Api.Response badType = admin.post("/api/providers/test", Map.of("type", "nope"));
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("errors").get(0).get("field").asText()).isEqualTo("type");

        Api.Response unknown = admin.post("/api/providers/" + java.util.UUID.randomUUID() + "/test", null);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void onlyAdminsMayTest() {
        Api.Response anonymous = anonymous().post("/api/providers/test", Map.of("type", "openai"));
        assertThat(anonymous.status()).isEqualTo(401);
    }
}
