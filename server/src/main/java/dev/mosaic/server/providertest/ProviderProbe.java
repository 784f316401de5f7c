package dev.mosaic.server.providertest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.command.api.Violations;
import dev.mosaic.events.provider.ApiType;
import dev.mosaic.events.provider.ProviderType;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls a provider's cheapest authenticated endpoint (its model list) to prove that the base URL and the key
 * work: OpenAI-style {@code GET {baseUrl}/models} with a bearer key, Anthropic {@code GET /v1/models} with
 * {@code x-api-key}, Ollama {@code GET /api/tags}. The key is never part of the answer, not even inside an
 * error text the provider sent back.
 */
@Component
public class ProviderProbe {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_ERROR = 300;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json;

    public ProviderProbe(ObjectMapper json) {
        this.json = json;
    }

    /** What a test found: the latency and discovered model ids on success, the provider's error otherwise. */
    @Schema(name = "ProviderTestResult")
    public record Result(boolean ok, Long latencyMs, Integer status, List<String> models, @Nullable String error) {
        static Result failed(Integer status, Long latencyMs, String error) {
            return new Result(false, latencyMs, status, List.of(), error);
        }
    }

    enum Dialect { OPENAI, ANTHROPIC, OLLAMA }

    static Dialect dialect(ProviderType type, String apiType) {
        ApiType api = apiType == null ? type.defaultApiType() : ApiType.fromWireName(apiType).orElse(type.defaultApiType());
        return switch (api) {
            case ANTHROPIC_MESSAGES -> Dialect.ANTHROPIC;
            case OLLAMA -> Dialect.OLLAMA;
            default -> Dialect.OPENAI;
        };
    }

    public Result probe(ProviderType type, String baseUrl, String apiType, String apiKey) {
        Dialect dialect = dialect(type, apiType);
        String base = baseUrl.replaceAll("/+$", "");
        String url = switch (dialect) {
            case OPENAI -> base + "/models";
            case ANTHROPIC -> (base.endsWith("/v1") ? base : base + "/v1") + "/models";
            case OLLAMA -> base + "/api/tags";
        };
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().header("Accept", "application/json");
        } catch (IllegalArgumentException e) {
            return Result.failed(null, null, "the base URL is not a valid URL");
        }
        boolean hasKey = apiKey != null && !apiKey.isEmpty();
        if (hasKey && !Violations.isHeaderSafe(apiKey)) {
            // a key stored before keys were checked; the HTTP client's refusal would quote it
            return Result.failed(null, null, "the API key has characters an HTTP header cannot carry; replace it");
        }
        if (hasKey && dialect == Dialect.ANTHROPIC) {
            request.header("x-api-key", apiKey);
        } else if (hasKey) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (dialect == Dialect.ANTHROPIC) {
            request.header("anthropic-version", "2023-06-01");
        }
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return Result.failed(null, elapsed(started), "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            return Result.failed(null, elapsed(started), "connection refused by " + hostOf(url));
        } catch (IOException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String reason = cause instanceof UnknownHostException ? "unknown host " + hostOf(url)
                    : "could not reach " + hostOf(url) + " (" + cause.getClass().getSimpleName() + ")";
            return Result.failed(null, elapsed(started), reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed(null, elapsed(started), "interrupted");
        }
        long latency = elapsed(started);
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            return Result.failed(status, latency, scrub(errorText(status, response.body()), apiKey));
        }
        try {
            return new Result(true, latency, status, models(dialect, json.readTree(response.body())), null);
        } catch (IOException e) {
            return Result.failed(status, latency, "the answer was not the JSON model list this provider type sends");
        }
    }

    private static List<String> models(Dialect dialect, JsonNode body) {
        List<String> ids = new ArrayList<>();
        JsonNode list = dialect == Dialect.OLLAMA ? body.path("models") : body.path("data");
        for (JsonNode model : list) {
            String id = dialect == Dialect.OLLAMA ? model.path("name").asText(model.path("model").asText(""))
                    : model.path("id").asText("");
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The provider's own message when it sent one ({@code error.message}, {@code error}, {@code message}). */
    private String errorText(int status, String body) {
        String text = null;
        try {
            JsonNode node = json.readTree(body == null ? "" : body);
            if (node != null) {
                JsonNode error = node.path("error");
                if (error.isObject() && error.path("message").isTextual()) {
                    text = error.path("message").asText();
                } else if (error.isTextual()) {
                    text = error.asText();
                } else if (node.path("message").isTextual()) {
                    text = node.path("message").asText();
                } else if (node.path("detail").isTextual()) {
                    text = node.path("detail").asText();
                }
            }
        } catch (IOException e) {
            text = null;
        }
        if (text == null && body != null && !body.isBlank() && !body.trim().startsWith("<")) {
            text = body.trim();
        }
        String prefix = "HTTP " + status;
        if (text == null || text.isBlank()) {
            return prefix;
        }
        text = text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) + "…" : text;
        return prefix + ": " + text;
    }

    static String scrub(String text, String apiKey) {
        if (text == null || apiKey == null || apiKey.length() < 4) {
            return text;
        }
        return text.replace(apiKey, "[redacted]");
    }

    private static String hostOf(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return "the provider";
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
