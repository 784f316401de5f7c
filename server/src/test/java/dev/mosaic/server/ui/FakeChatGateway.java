package dev.mosaic.server.ui;

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
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * An in-process stand-in for OpenClaw gateways' {@code /v1/chat/completions} for the chat page's browser
 * test (like {@code chat.FakeGateway}, which is private to its package). Each agent gets its own gateway URL
 * ({@link #url(String)}) whose path picks how it answers: {@code /stream} sends a markdown answer in two
 * chunks with a pause between them, {@code /forever} streams until the client goes away, {@code /fail}
 * answers 500 before streaming, {@code /break} cuts the stream after its first chunk.
 */
final class FakeChatGateway implements AutoCloseable {
    static final String FIRST_CHUNK = "Hello! This is the **first chunk**.";
    static final String REST = " Then the rest:\n\n- a list item\n- `inline code`\n\n```\nint answer = 42;\n```\n\nAll done.";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    volatile long pauseMillis = 2500;
    volatile JsonNode lastBody;
    /** When /stream sent its second chunk; 0 until then. */
    volatile long restSentAt;
    volatile CountDownLatch clientWentAway = new CountDownLatch(1);

    FakeChatGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (String behaviour : List.of("stream", "forever", "fail", "break")) {
            server.createContext("/" + behaviour + "/v1/chat/completions", exchange -> handle(behaviour, exchange));
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** The gateway URL of an agent answering the given way. */
    String url(String behaviour) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + behaviour;
    }

    private void handle(String behaviour, HttpExchange exchange) throws IOException {
        lastBody = JSON.readTree(exchange.getRequestBody());
        try (exchange) {
            switch (behaviour) {
                case "stream" -> {
                    restSentAt = 0;
                    OutputStream out = startStream(exchange);
                    chunk(out, FIRST_CHUNK);
                    sleep(pauseMillis);
                    restSentAt = System.nanoTime();
                    chunk(out, REST);
                    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                case "forever" -> {
                    OutputStream out = startStream(exchange);
                    try {
                        for (int i = 1; i <= 600; i++) {
                            chunk(out, "word " + i + " ");
                            sleep(100);
                        }
                    } catch (IOException e) {
                        clientWentAway.countDown();
                    }
                }
                case "fail" -> {
                    byte[] bytes = "{\"error\":{\"message\":\"boom\"}}".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(500, bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
                case "break" -> {
                    OutputStream out = startStream(exchange);
                    chunk(out, "Half an answer");
                    sleep(300);
                    // ends without data: [DONE]
                }
                default -> throw new IllegalStateException(behaviour);
            }
        }
    }

    private static OutputStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        String json = JSON.writeValueAsString(Map.of("object", "chat.completion.chunk",
                "choices", List.of(Map.of("index", 0, "delta", Map.of("content", text)))));
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
