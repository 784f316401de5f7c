package dev.mosaic.server.fault;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A long response (an agent's change stream, a streamed chat answer) read to its end on a thread of its own. */
final class OpenStream {
    private final StringBuffer received = new StringBuffer();
    private final CompletableFuture<Void> firstBytes = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final int status;

    private OpenStream(HttpResponse<InputStream> response) {
        status = response.statusCode();
        Thread reader = new Thread(() -> read(response.body()), "open-stream");
        reader.setDaemon(true);
        reader.start();
    }

    static OpenStream open(HttpRequest request) throws IOException, InterruptedException {
        return new OpenStream(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", "text/event-stream");
    }

    private void read(InputStream body) {
        byte[] buffer = new byte[4096];
        try (body) {
            for (int n; (n = body.read(buffer)) >= 0; ) {
                received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                firstBytes.complete(null);
            }
        } catch (IOException e) {
            received.append("\n[read failed: ").append(e.getMessage()).append("]");
        }
        firstBytes.complete(null);
        ended.complete(null);
    }

    int status() {
        return status;
    }

    void awaitFirstBytes(long seconds) throws Exception {
        firstBytes.get(seconds, TimeUnit.SECONDS);
    }

    boolean awaitEnd(long seconds) {
        try {
            ended.get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    String received() {
        return received.toString();
    }
}
