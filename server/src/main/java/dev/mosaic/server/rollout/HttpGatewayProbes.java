package dev.mosaic.server.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The probes over HTTP, as DESIGN.md's rollout contract says them; never a token in a problem text. */
@Component
class HttpGatewayProbes implements GatewayProbes {
    static final int ATTEMPTS = 3;
    private final HttpClient client;
    private final ObjectMapper json;
    private final Duration timeout;
    private final Duration retryPause;

    HttpGatewayProbes(ObjectMapper json, @Value("${mosaic.rollout.probe-timeout:10s}") Duration timeout,
                      @Value("${mosaic.rollout.retry-pause:1s}") Duration retryPause) {
        this.json = json;
        this.timeout = timeout;
        this.retryPause = retryPause;
        // HTTP/1.1: the gateway answers an h2c upgrade attempt (the JDK client's default) with a 4xx
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Probe ready(String gatewayUrl) {
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(base(gatewayUrl) + "/readyz"))
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? Probe.passed()
                    : Probe.failed("readyz answered " + response.statusCode());
        } catch (IOException | IllegalArgumentException e) {
            return Probe.failed("gateway unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probe.failed("interrupted");
        }
    }

    @Override
    public Probe chat(String gatewayUrl, String token) {
        Probe last = Probe.failed("no answer");
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Attempt result = chatOnce(gatewayUrl, token);
            if (!result.retry()) {
                return result.probe();
            }
            last = result.probe();
            pause();
        }
        return Probe.failed(last.problem() + " (" + ATTEMPTS + " attempts)");
    }

    private record Attempt(Probe probe, boolean retry) {
    }

    private Attempt chatOnce(String gatewayUrl, String token) {
        try {
            byte[] body = json.writeValueAsBytes(Map.of("model", "openclaw", "max_tokens", 1, "stream", false,
                    "user", "mosaic:rollout", "messages", List.of(Map.of("role", "user", "content", "ping"))));
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(base(gatewayUrl)
                            + "/v1/chat/completions")).timeout(timeout)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status == 429 || status >= 500) {
                return new Attempt(Probe.failed("chat answered " + status), true);
            }
            if (status != 200) {
                return new Attempt(Probe.failed("chat answered " + status), false);
            }
            JsonNode answer = json.readTree(response.body());
            boolean completion = answer.path("choices").isArray() && !answer.path("choices").isEmpty()
                    && !answer.has("error");
            return new Attempt(completion ? Probe.passed() : Probe.failed("chat answered without a completion"), false);
        } catch (HttpTimeoutException e) {
            return new Attempt(Probe.failed("chat timed out"), true);
        } catch (IOException | IllegalArgumentException e) {
            return new Attempt(Probe.failed("gateway unreachable: " + e.getClass().getSimpleName()), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(Probe.failed("interrupted"), false);
        }
    }

    private void pause() {
        try {
            Thread.sleep(retryPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String base(String gatewayUrl) {
        return gatewayUrl.replaceAll("/+$", "");
    }
}
