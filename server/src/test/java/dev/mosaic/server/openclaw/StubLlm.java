package dev.mosaic.server.openclaw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A small OpenAI-compatible LLM on 127.0.0.1: answers {@code POST …/chat/completions} (plain or streamed)
 * with "Hello from &lt;model&gt;" and {@code GET …/models}; records every chat request it receives.
 */
public final class StubLlm implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<JsonNode> chats = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    public StubLlm() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public List<JsonNode> chats() {
        return chats;
    }

    public List<String> authorizations() {
        return authorizations;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (exchange.getRequestMethod().equals("GET") && path.endsWith("/models")) {
                respond(exchange, 200, "application/json",
                        "{\"object\":\"list\",\"data\":[{\"id\":\"stub-one\",\"object\":\"model\"},{\"id\":\"stub-two\",\"object\":\"model\"}]}");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST") || !path.endsWith("/chat/completions")) {
                respond(exchange, 404, "application/json", "{\"error\":{\"message\":\"no such route " + path + "\"}}");
                return;
            }
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            chats.add(request);
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            authorizations.add(authorization);
            if (authorization.startsWith("Bearer sk-bad")) {
                // a key the provider refuses for chats (its model list still answers: only a real chat finds out)
                respond(exchange, 401, "application/json", "{\"error\":{\"message\":\"invalid api key\"}}");
                return;
            }
            String model = request.path("model").asText();
            String text = "Hello from " + model;
            if (request.path("stream").asBoolean(false)) {
                stream(exchange, model, text);
            } else {
                respond(exchange, 200, "application/json", JSON.writeValueAsString(JSON.createObjectNode()
                        .put("id", "chatcmpl-stub").put("object", "chat.completion").put("created", 0).put("model", model)
                        .set("choices", JSON.createArrayNode().add(JSON.createObjectNode().put("index", 0)
                                .put("finish_reason", "stop")
                                .set("message", JSON.createObjectNode().put("role", "assistant").put("content", text))))));
            }
        }
    }

    private static void stream(HttpExchange exchange, String model, String text) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String piece : List.of(text.substring(0, 5), text.substring(5))) {
            out.write(("data: " + chunk(model, "{\"role\":\"assistant\",\"content\":" + JSON.writeValueAsString(piece) + "}", null)
                    + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        out.write(("data: " + chunk(model, "{}", "\"stop\"") + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String chunk(String model, String delta, String finish) {
        return "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}";
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
