package dev.mosaic.server.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An agent as the rollout sees one: it fetches its config from Mosaic whenever the version moves (polling the
 * real fetch endpoint with its own token), reports what it applied, and runs a gateway stub on 127.0.0.1 that
 * answers {@code /readyz} and a chat only while the config it runs is good: a provider key starting
 * {@code sk-bad} or a base URL containing {@code broken} makes every chat fail with 502, as a real gateway
 * whose upstream refuses it would.
 */
public final class SimulatedAgent implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    public final String name;
    public final List<String> documents = new CopyOnWriteArrayList<>();
    private final String token;
    private volatile String mosaic;
    private final HttpServer gateway;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Thread poller;
    private volatile boolean running = true;
    private volatile String current = "";
    private volatile long version;
    /** The next new version it is served is reported failed (as the entrypoint does when the gateway refuses it). */
    public volatile boolean refuseNext;

    public SimulatedAgent(String name, String token, int mosaicPort) throws IOException {
        this.name = name;
        this.token = token;
        this.mosaic = "http://127.0.0.1:" + mosaicPort;
        this.gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/readyz", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        gateway.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean good = !current.isEmpty() && !current.contains("sk-bad") && !current.contains("broken");
            byte[] body = (good ? "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"p\"}}]}"
                    : "{\"error\":{\"message\":\"upstream refused\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(good ? 200 : 502, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        gateway.start();
        poller = new Thread(this::follow, "simulated-agent-" + name);
        poller.setDaemon(true);
    }

    /** Follows another Mosaic node (or the same one restarted on another port) from now on. */
    public void follow(int mosaicPort) {
        this.mosaic = "http://127.0.0.1:" + mosaicPort;
    }

    /** The newest config it fetched. */
    public String lastDocument() {
        return documents.isEmpty() ? "" : documents.get(documents.size() - 1);
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gateway.getAddress().getPort();
    }

    public void start() {
        poller.start();
    }

    public long version() {
        return version;
    }

    private void follow() {
        while (running) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                URI.create(mosaic + "/api/internal/agent-config/" + name))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    long served = Long.parseLong(response.headers().firstValue("X-Config-Version").orElse("0"));
                    if (served != version) {
                        documents.add(response.body());
                        String report = "{\"version\":" + served + "}";
                        if (refuseNext) {
                            refuseNext = false;
                            report = "{\"version\":" + served + ",\"status\":\"failed\",\"error\":\"gateway not ready\"}";
                        } else {
                            current = response.body();
                        }
                        version = served;
                        client.send(HttpRequest.newBuilder(URI.create(mosaic + "/api/internal/agent-config/" + name
                                        + "/applied")).header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(report)).build(),
                                HttpResponse.BodyHandlers.discarding());
                    }
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // Mosaic restarting or the test ending: try again
            }
        }
    }

    JsonNode document() throws IOException {
        return JSON.readTree(current);
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        gateway.stop(0);
    }
}
