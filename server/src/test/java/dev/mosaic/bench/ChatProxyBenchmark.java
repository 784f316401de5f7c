package dev.mosaic.bench;

import com.sun.net.httpserver.HttpServer;
import dev.mosaic.server.testing.Api;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The chat proxy's cost: time to first byte of a streamed answer through Mosaic against straight to the
 * gateway (a stub gateway that answers at once), interleaved in the same run; then 200 concurrent streams
 * through Mosaic, counting errors and the server's thread count.
 *
 * <pre>./bench/run.sh ChatProxyBenchmark [requests] [concurrent-streams]</pre>
 */
public final class ChatProxyBenchmark {
    private static final String BODY = "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int concurrent = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        // Like the real gateway (Node's HTTP server disables Nagle), the stub writes each chunk at once;
        // the JDK server would otherwise hold the first chunk until the headers are acknowledged (40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try (BenchmarkServer server = new BenchmarkServer(); StubGateway gateway = new StubGateway()) {
            String provider = server.provider("bench-openai", "gpt-4o");
            String agent = "chat-bench";
            Api.Response created = server.admin.post("/api/agents", Map.of("name", agent, "displayName", agent,
                    "gatewayUrl", gateway.url(), "providerId", provider, "primaryModel", "gpt-4o"));
            BenchmarkServer.require(created, 201);
            gateway.token = created.json().get("token").asText();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest direct = HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + gateway.token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
            HttpRequest proxied = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/api/chat/" + agent))
                    .header("Cookie", "SESSION=" + server.admin.cookie("SESSION") + "; XSRF-TOKEN=" + server.admin.csrfToken())
                    .header("X-XSRF-TOKEN", server.admin.csrfToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();

            HttpRequest me = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/api/auth/me"))
                    .header("Cookie", "SESSION=" + server.admin.cookie("SESSION")).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/actuator/health")).build();
            awaitRendered(http, proxied);
            for (int i = 0; i < 500; i++) {
                firstByte(http, direct);
                firstByte(http, proxied);
                firstByte(http, me);
                firstByte(http, health);
            }
            List<Double> directTimes = new ArrayList<>();
            List<Double> proxiedTimes = new ArrayList<>();
            List<Double> meTimes = new ArrayList<>();
            List<Double> healthTimes = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                directTimes.add(firstByte(http, direct));
                proxiedTimes.add(firstByte(http, proxied));
                meTimes.add(firstByte(http, me));
                healthTimes.add(firstByte(http, health));
            }
            Collections.sort(healthTimes);
            Collections.sort(directTimes);
            Collections.sort(proxiedTimes);
            Collections.sort(meTimes);
            double directP50 = directTimes.get(requests / 2);
            double proxiedP50 = proxiedTimes.get(requests / 2);
            System.out.printf("time to first byte, %d streamed requests each, interleaved:%n", requests);
            System.out.printf("  direct to gateway: p50 %.2f ms, p99 %.2f ms%n", directP50, directTimes.get(requests * 99 / 100));
            System.out.printf("  through Mosaic:    p50 %.2f ms, p99 %.2f ms%n", proxiedP50, proxiedTimes.get(requests * 99 / 100));
            System.out.printf("  added by the proxy: p50 %.2f ms (target <= 1 ms)%n", proxiedP50 - directP50);
            System.out.printf("  for comparison, any signed-in request (GET /api/auth/me: session from PostgreSQL, "
                    + "security filters): p50 %.2f ms; anonymous GET /actuator/health: p50 %.2f ms%n",
                    meTimes.get(requests / 2), healthTimes.get(requests / 2));

            try (OneWriteClient directOnce = new OneWriteClient(gateway.port(), "/v1/chat/completions",
                         Map.of("Authorization", "Bearer " + gateway.token), BODY);
                 OneWriteClient proxiedOnce = new OneWriteClient(server.port, "/api/chat/" + agent, Map.of(
                         "Cookie", "SESSION=" + server.admin.cookie("SESSION") + "; XSRF-TOKEN=" + server.admin.csrfToken(),
                         "X-XSRF-TOKEN", server.admin.csrfToken()), BODY)) {
                for (int i = 0; i < 500; i++) {
                    directOnce.firstByte();
                    proxiedOnce.firstByte();
                }
                List<Double> directOnceTimes = new ArrayList<>();
                List<Double> proxiedOnceTimes = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    directOnceTimes.add(directOnce.firstByte());
                    proxiedOnceTimes.add(proxiedOnce.firstByte());
                }
                Collections.sort(directOnceTimes);
                Collections.sort(proxiedOnceTimes);
                System.out.printf("the same with a client that sends headers and body in one write, as browsers do:%n");
                System.out.printf("  direct to gateway: p50 %.2f ms; through Mosaic: p50 %.2f ms; added by the proxy: p50 %.2f ms%n",
                        directOnceTimes.get(requests / 2), proxiedOnceTimes.get(requests / 2),
                        proxiedOnceTimes.get(requests / 2) - directOnceTimes.get(requests / 2));
            }

            gateway.holdMillis = 2000;
            int threadsBefore = Thread.activeCount();
            ExecutorService clients = Executors.newFixedThreadPool(concurrent);
            CountDownLatch allStreaming = new CountDownLatch(concurrent);
            List<Future<Boolean>> streams = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                streams.add(clients.submit(() -> {
                    HttpResponse<InputStream> response = http.send(proxied, HttpResponse.BodyHandlers.ofInputStream());
                    try (InputStream body = response.body()) {
                        boolean ok = response.statusCode() == 200 && body.read() >= 0;
                        allStreaming.countDown();
                        String rest = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                        return ok && rest.contains("[DONE]") && !rest.contains("event: error");
                    }
                }));
            }
            boolean concurrentlyOpen = allStreaming.await(60, TimeUnit.SECONDS);
            int peakThreads = Thread.activeCount();
            int failures = 0;
            for (Future<Boolean> stream : streams) {
                if (!stream.get(120, TimeUnit.SECONDS)) {
                    failures++;
                }
            }
            clients.shutdown();
            System.out.printf("%d concurrent streams through Mosaic (each held open 2 s): all open at once %s, %d failed; "
                            + "JVM threads %d before, %d at peak (clients, stub gateway and server in one JVM)%n",
                    concurrent, concurrentlyOpen, failures, threadsBefore, peakThreads);
        }
        System.exit(0);
    }

    /** The agent's gateway is known once its first config is rendered, just after the write answers. */
    private static void awaitRendered(HttpClient http, HttpRequest proxied) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (http.send(proxied, HttpResponse.BodyHandlers.discarding()).statusCode() == 404) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent was not rendered within 30 s");
            }
            Thread.sleep(20);
        }
    }

    private static double firstByte(HttpClient http, HttpRequest request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200 || body.read() < 0) {
                throw new IllegalStateException("no stream: " + response.statusCode());
            }
            double millis = (System.nanoTime() - start) / 1e6;
            body.readAllBytes();
            return millis;
        }
    }

    /** A gateway that streams a two-chunk answer at once (or holds the stream open for holdMillis). */
    private static final class StubGateway implements AutoCloseable {
        private final HttpServer server;
        volatile String token;
        volatile long holdMillis;

        StubGateway() throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
            server.createContext("/v1/chat/completions", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                        exchange.sendResponseHeaders(401, -1);
                        return;
                    }
                    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    out.write("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (holdMillis > 0) {
                        Thread.sleep(holdMillis);
                    }
                    out.write("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" there\"}}]}\n\ndata: [DONE]\n\n"
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + port();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
