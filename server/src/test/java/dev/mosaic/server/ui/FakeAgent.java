package dev.mosaic.server.ui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An agent as OpenClaw's side runs it: follows its change stream with its own token and reports every config
 * version it is told about as applied, so Mosaic shows it in sync.
 */
final class FakeAgent implements AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;
    private final AtomicLong applied = new AtomicLong();
    private final Thread reader;
    private volatile InputStream body;

    FakeAgent(int port, String name, String token) throws IOException, InterruptedException {
        this.base = "http://127.0.0.1:" + port + "/api/internal/agent-config/" + name;
        this.token = token;
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("change stream answered " + response.statusCode());
        }
        body = response.body();
        reader = new Thread(this::follow, "fake-agent-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void follow() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("id:")) {
                    report(Long.parseLong(line.substring(3).trim()));
                }
            }
        } catch (IOException | InterruptedException ignored) {
            // the stream was closed
        }
    }

    private void report(long version) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/applied"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\":" + version + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 == 2) {
            applied.accumulateAndGet(version, Math::max);
        }
    }

    /** Waits until the agent has reported this version applied. */
    void awaitApplied(long version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (applied.get() < version) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the agent applied v" + applied.get() + ", not v" + version);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
        reader.interrupt();
    }
}
