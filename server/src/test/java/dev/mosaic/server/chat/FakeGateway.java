package dev.mosaic.server.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process stand-in for an OpenClaw gateway's {@code /v1/chat/completions}, whose behaviour each test
 * picks: stream with pauses, answer whole, fail with a status, stall, break mid-stream, or stream until the
 * client goes away. A chat whose first message says {@code flood} is answered, whatever the behaviour, with
 * {@link #FLOOD_BYTES} as fast as the connection takes them.
 */
final class FakeGateway implements AutoCloseable {
    enum Behaviour { STREAM_WITH_PAUSE, WHOLE, STATUS_401, STATUS_500, STALL, BREAK_MID_STREAM, STREAM_FOREVER, FLOOD }

    static final long FLOOD_BYTES = 256L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    volatile Behaviour behaviour = Behaviour.STREAM_WITH_PAUSE;
    volatile long pauseMillis = 500;
    volatile JsonNode lastBody;
    volatile String lastAuthorization;
    volatile String lastCookie;
    volatile long secondChunkSentAt;
    final CountDownLatch clientWentAway = new CountDownLatch(1);
    /** Bytes of the flood the connection has taken (written without blocking, or after blocking). */
    final AtomicLong floodTaken = new AtomicLong();
    final CountDownLatch floodCutOff = new CountDownLatch(1);

    FakeGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        lastBody = JSON.readTree(exchange.getRequestBody());
        lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
        lastCookie = exchange.getRequestHeaders().getFirst("Cookie");
        try (exchange) {
            switch (lastBody.at("/messages/0/content").asText().equals("flood") ? Behaviour.FLOOD : behaviour) {
                case WHOLE -> respond(exchange, 200, "application/json",
                        "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"whole answer\"},\"finish_reason\":\"stop\"}]}");
                case STATUS_401 -> respond(exchange, 401, "application/json", "{\"error\":{\"message\":\"bad token\"}}");
                case STATUS_500 -> respond(exchange, 500, "application/json", "{\"error\":{\"message\":\"boom\"}}");
                case STALL -> sleep(60_000);
                case STREAM_WITH_PAUSE -> {
                    OutputStream out = startStream(exchange);
                    chunk(out, "first");
                    sleep(pauseMillis);
                    secondChunkSentAt = System.nanoTime();
                    chunk(out, "second");
                    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                case BREAK_MID_STREAM -> {
                    OutputStream out = startStream(exchange);
                    chunk(out, "first");
                    sleep(200);
                    exchange.getHttpContext().getServer();
                    throw new IOException("gateway broke the stream");
                }
                case FLOOD -> {
                    OutputStream out = startStream(exchange);
                    byte[] event = ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + "x".repeat(16_000)
                            + "\"}}]}\n\n").getBytes(StandardCharsets.UTF_8);
                    try {
                        while (floodTaken.get() < FLOOD_BYTES) {
                            out.write(event);
                            out.flush();
                            floodTaken.addAndGet(event.length);
                        }
                    } catch (IOException e) {
                        floodCutOff.countDown();
                    }
                }
                case STREAM_FOREVER -> {
                    OutputStream out = startStream(exchange);
                    try {
                        for (int i = 0; i < 600; i++) {
                            chunk(out, "tick " + i);
                            sleep(100);
                        }
                    } catch (IOException e) {
                        clientWentAway.countDown();
                    }
                }
            }
        }
    }

    private static OutputStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        out.write(("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Set-Cookie", "gateway-affinity=node-1; Path=/");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
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
