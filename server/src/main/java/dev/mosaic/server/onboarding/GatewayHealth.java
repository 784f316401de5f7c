package dev.mosaic.server.onboarding;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Asks each agent gateway's unauthenticated {@code /healthz}, all at once, with a short timeout. */
@Component
class GatewayHealth {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @Schema(name = "GatewayCheck")
    record Result(boolean reachable, Integer status, @Nullable String error, Long latencyMs) {
    }

    List<Result> check(List<String> gatewayUrls) {
        List<CompletableFuture<Result>> pending = gatewayUrls.stream().map(this::check).toList();
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<Result> check(String gatewayUrl) {
        long started = System.nanoTime();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(gatewayUrl.replaceAll("/+$", "") + "/healthz"))
                    .timeout(TIMEOUT).GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Result(false, null, "invalid gateway URL", null));
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> new Result(response.statusCode() < 500, response.statusCode(), null,
                        (System.nanoTime() - started) / 1_000_000))
                .exceptionally(e -> new Result(false, null, describe(e), null));
    }

    private static String describe(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause instanceof java.net.http.HttpTimeoutException ? "timed out"
                : cause instanceof java.net.ConnectException ? "connection refused" : cause.getClass().getSimpleName();
    }
}
