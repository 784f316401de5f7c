package dev.mosaic.server.fleetcli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The HTTP side of the CLI: {@code GET /api/fleet} and {@code PUT /api/fleet} with the bearer token. */
final class FleetClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private FleetClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    static FleetClient fromEnvironment(Map<String, String> env) {
        String url = env.get("MOSAIC_URL");
        String token = env.get("MOSAIC_TOKEN");
        if (url == null || url.isBlank()) {
            throw new FleetCliException("MOSAIC_URL is not set (the address of Mosaic, e.g. https://mosaic.example.com)");
        }
        if (token == null || token.isBlank()) {
            throw new FleetCliException("MOSAIC_TOKEN is not set (an API token: Settings → API tokens, or "
                    + "java -jar mosaic.jar token create)");
        }
        URI base;
        try {
            base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new FleetCliException("MOSAIC_URL is not a URL: " + url);
        }
        if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
            throw new FleetCliException("MOSAIC_URL must be an http(s) URL: " + url);
        }
        return new FleetClient(base, token.strip());
    }

    /** An answer: its status, and its body as JSON when it is JSON. */
    record Answer(int status, String body, JsonNode json) {
        boolean ok() {
            return status == 200;
        }
    }

    String export() {
        Answer answer = send(HttpRequest.newBuilder(base.resolve(base.getPath() + "/api/fleet"))
                .header("Accept", "application/yaml").GET());
        if (!answer.ok()) {
            throw new FleetCliException("GET /api/fleet answered " + answer.status() + ": " + detail(answer));
        }
        return answer.body();
    }

    Answer put(String json, boolean dryRun, boolean prune, Long ifMatch) {
        String query = (dryRun ? "?dryRun=true" : "?dryRun=false") + (prune ? "&prune=true" : "");
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(base.getPath() + "/api/fleet" + query))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", "\"" + ifMatch + "\"");
        }
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) {
        request.header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(5));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FleetCliException("cannot reach Mosaic at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetCliException("interrupted");
        }
        JsonNode json = null;
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.contains("json")) {
            try {
                json = JSON.readTree(response.body());
            } catch (IOException e) {
                json = null;
            }
        }
        return new Answer(response.statusCode(), response.body(), json);
    }

    static String detail(Answer answer) {
        if (answer.json() != null && answer.json().hasNonNull("detail")) {
            return answer.json().get("detail").asText();
        }
        return answer.status() == 401 ? "MOSAIC_TOKEN was refused (unknown, expired or revoked)"
                : answer.body().length() > 200 ? answer.body().substring(0, 200) : answer.body();
    }
}
