package dev.mosaic.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.command.installation.OidcIssuerCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads an issuer's OpenID Provider metadata ({@code /.well-known/openid-configuration}) with a 5-second timeout
 * and checks it: the issuer it names is the one configured, and it has the authorization, token and JWKS
 * endpoints. Documents are kept for a few minutes; when the issuer cannot be reached the last good document is
 * used, so a short IdP outage does not stop sign-ins that the IdP itself could still serve.
 */
@Component
class OidcDiscovery implements OidcIssuerCheck {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration FRESH_FOR = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(OidcDiscovery.class);

    record Metadata(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri,
                    String userInfoEndpoint, List<String> tokenEndpointAuthMethods, Instant fetchedAt) {
    }

    static final class DiscoveryException extends Exception {
        DiscoveryException(String reason) {
            super(reason);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Metadata> documents = new ConcurrentHashMap<>();

    OidcDiscovery(ObjectMapper json) {
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /** Fetches the document now (never from the cache): the check run when settings are saved. */
    @Override
    public Optional<String> problem(String issuerUrl) {
        try {
            documents.put(issuerUrl, fetch(issuerUrl));
            return Optional.empty();
        } catch (DiscoveryException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The issuer's document, fresh or, while the issuer cannot be reached, the last good one. */
    Optional<Metadata> metadata(String issuerUrl) {
        Metadata cached = documents.get(issuerUrl);
        if (cached != null && cached.fetchedAt().plus(FRESH_FOR).isAfter(clock.instant())) {
            return Optional.of(cached);
        }
        try {
            Metadata fresh = fetch(issuerUrl);
            documents.put(issuerUrl, fresh);
            return Optional.of(fresh);
        } catch (DiscoveryException e) {
            log.warn("OIDC discovery for {} failed: {}", issuerUrl, e.getMessage());
            return Optional.ofNullable(cached);
        }
    }

    static String discoveryUrl(String issuerUrl) {
        return stripSlash(issuerUrl) + "/.well-known/openid-configuration";
    }

    private Metadata fetch(String issuerUrl) throws DiscoveryException {
        String url = discoveryUrl(issuerUrl);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new DiscoveryException("the issuer did not answer within " + TIMEOUT.toSeconds() + " seconds (" + url + ")");
        } catch (IOException | IllegalArgumentException e) {
            throw new DiscoveryException("cannot reach the issuer's discovery document " + url + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryException("interrupted while reading " + url);
        }
        if (response.statusCode() != 200) {
            throw new DiscoveryException("the discovery document " + url + " answered HTTP " + response.statusCode());
        }
        JsonNode doc;
        try {
            doc = json.readTree(response.body());
        } catch (IOException e) {
            throw new DiscoveryException("the discovery document " + url + " is not JSON");
        }
        if (doc == null || !doc.isObject()) {
            throw new DiscoveryException("the discovery document " + url + " is not a JSON object");
        }
        String issuer = text(doc, "issuer");
        if (issuer == null) {
            throw new DiscoveryException("the discovery document has no issuer");
        }
        if (!stripSlash(issuer).equals(stripSlash(issuerUrl))) {
            throw new DiscoveryException("the discovery document names the issuer " + issuer + ", not " + issuerUrl);
        }
        List<String> missing = new ArrayList<>();
        for (String endpoint : List.of("authorization_endpoint", "token_endpoint", "jwks_uri")) {
            String value = text(doc, endpoint);
            if (value == null || !(value.startsWith("https://") || value.startsWith("http://"))) {
                missing.add(endpoint);
            }
        }
        if (!missing.isEmpty()) {
            throw new DiscoveryException("the discovery document has no usable " + String.join(", ", missing));
        }
        List<String> authMethods = new ArrayList<>();
        doc.path("token_endpoint_auth_methods_supported").forEach(m -> authMethods.add(m.asText()));
        return new Metadata(issuer, text(doc, "authorization_endpoint"), text(doc, "token_endpoint"),
                text(doc, "jwks_uri"), text(doc, "userinfo_endpoint"), List.copyOf(authMethods), clock.instant());
    }

    private static String text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
