package dev.mosaic.server.fleetcli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP side of the CLI: {@code GET /api/fleet} and {@code PUT /api/fleet} with the bearer token. Plain
 * {@link HttpURLConnection}: it loads a fraction of the classes {@code java.net.http} does (no TLS set-up for an
 * http URL), which is most of a CI step's start time.
 */
final class FleetClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final String token;

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
        Answer answer = send("GET", "/api/fleet", Map.of("Accept", "application/yaml"), null);
        if (!answer.ok()) {
            throw new FleetCliException("GET /api/fleet answered " + answer.status() + ": " + detail(answer));
        }
        return answer.body();
    }

    Answer put(String json, boolean dryRun, boolean prune, Long ifMatch) {
        String query = (dryRun ? "?dryRun=true" : "?dryRun=false") + (prune ? "&prune=true" : "");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        if (ifMatch != null) {
            headers.put("If-Match", "\"" + ifMatch + "\"");
        }
        return send("PUT", "/api/fleet" + query, headers, json);
    }

    private Answer send(String method, String path, Map<String, String> headers, String body) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(300_000);
            connection.setRequestProperty("Authorization", "Bearer " + token);
            headers.forEach(connection::setRequestProperty);
            if (body != null) {
                connection.setDoOutput(true);
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                connection.setFixedLengthStreamingMode(bytes.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String type = connection.getContentType() == null ? "" : connection.getContentType();
            JsonNode json = null;
            if (type.contains("json")) {
                try {
                    json = JSON.readTree(text);
                } catch (IOException e) {
                    json = null;
                }
            }
            connection.disconnect();
            return new Answer(status, text, json);
        } catch (IOException e) {
            throw new FleetCliException("cannot reach Mosaic at " + base + ": " + e);
        }
    }

    static String detail(Answer answer) {
        if (answer.json() != null && answer.json().hasNonNull("detail")) {
            return answer.json().get("detail").asText();
        }
        return answer.status() == 401 ? "MOSAIC_TOKEN was refused (unknown, expired or revoked)"
                : answer.body().length() > 200 ? answer.body().substring(0, 200) : answer.body();
    }
}
