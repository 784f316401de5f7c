package dev.mosaic.server.security;

import com.nimbusds.oauth2.sdk.ParseException;
import dev.mosaic.events.installation.OidcIssuerCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.UnknownContentTypeException;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an issuer's metadata with Spring Security's {@link ClientRegistrations#fromIssuerLocation}, which also
 * checks that it names the configured issuer and parses it (Nimbus) into the provider's endpoints. Results are
 * cached for a few minutes; when the issuer cannot be reached the last good one is used, so a short IdP outage
 * does not stop sign-ins that the IdP itself could still serve. Failures become one clear sentence for the
 * {@code issuerUrl} field.
 */
@Component
class OidcDiscovery implements OidcIssuerCheck {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration FRESH_FOR = Duration.ofMinutes(5);
    /** The template's client id: the real one comes from the settings when the registration is built. */
    private static final String NO_CLIENT = "discovery";
    private static final Pattern FIRST_STATUS = Pattern.compile("errors: \\[(\\d{3}) ");
    private static final Logger log = LoggerFactory.getLogger(OidcDiscovery.class);

    private record Discovered(ClientRegistration provider, Instant fetchedAt) {
    }

    static final class DiscoveryException extends Exception {
        DiscoveryException(String reason) {
            super(reason);
        }
    }

    private final Clock clock = Clock.systemUTC();
    private final Map<String, Discovered> documents = new ConcurrentHashMap<>();
    // ClientRegistrations waits up to 30 s and takes no timeout: the wait is bounded here instead.
    private final ExecutorService fetcher = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "oidc-discovery");
        thread.setDaemon(true);
        return thread;
    });

    /** Fetches the metadata now (never from the cache): the check run when settings are saved. */
    @Override
    public Optional<String> problem(String issuerUrl) {
        try {
            documents.put(issuerUrl, fetch(issuerUrl));
            return Optional.empty();
        } catch (DiscoveryException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * The issuer's provider details, fresh or, while the issuer cannot be reached, the last good ones, as a
     * registration whose client part is a placeholder.
     */
    Optional<ClientRegistration> metadata(String issuerUrl) {
        Discovered cached = documents.get(issuerUrl);
        if (cached != null && cached.fetchedAt().plus(FRESH_FOR).isAfter(clock.instant())) {
            return Optional.of(cached.provider());
        }
        try {
            Discovered fresh = fetch(issuerUrl);
            documents.put(issuerUrl, fresh);
            return Optional.of(fresh.provider());
        } catch (DiscoveryException e) {
            log.warn("OIDC discovery for {} failed: {}", issuerUrl, e.getMessage());
            return Optional.ofNullable(cached).map(Discovered::provider);
        }
    }

    static String discoveryUrl(String issuerUrl) {
        return (issuerUrl.endsWith("/") ? issuerUrl.substring(0, issuerUrl.length() - 1) : issuerUrl)
                + "/.well-known/openid-configuration";
    }

    private Discovered fetch(String issuerUrl) throws DiscoveryException {
        Future<ClientRegistration> discovery = fetcher.submit(
                () -> ClientRegistrations.fromIssuerLocation(issuerUrl).clientId(NO_CLIENT).build());
        try {
            return new Discovered(discovery.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), clock.instant());
        } catch (TimeoutException e) {
            discovery.cancel(true);
            throw new DiscoveryException("the issuer did not answer within " + TIMEOUT.toSeconds() + " seconds ("
                    + discoveryUrl(issuerUrl) + ")");
        } catch (InterruptedException e) {
            discovery.cancel(true);
            Thread.currentThread().interrupt();
            throw new DiscoveryException("interrupted while reading " + discoveryUrl(issuerUrl));
        } catch (ExecutionException e) {
            throw new DiscoveryException(reason(issuerUrl, e.getCause()));
        }
    }

    /** What went wrong, said for a person who typed the issuer URL. */
    static String reason(String issuerUrl, Throwable failure) {
        String url = discoveryUrl(issuerUrl);
        if (failure instanceof IllegalStateException) {
            return "the discovery document names another issuer: " + failure.getMessage();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpStatusCodeException status) {
                return "the discovery document " + url + " answered HTTP " + status.getStatusCode().value();
            }
            if (cause instanceof HttpMessageNotReadableException || cause instanceof UnknownContentTypeException) {
                return "the discovery document " + url + " is not JSON";
            }
            if (cause instanceof ParseException parse) {
                return "the discovery document " + url + " is not usable OpenID Provider metadata: " + parse.getMessage();
            }
            if (cause instanceof NullPointerException) {
                // the metadata parsed, but the library found no value where it needs one
                return "the discovery document " + url + " lacks an endpoint sign-in needs "
                        + "(authorization_endpoint, token_endpoint or jwks_uri)";
            }
            if (cause instanceof IOException io) {
                return "cannot reach the issuer's discovery document " + url + " (" + io.getClass().getSimpleName()
                        + (io.getMessage() == null ? "" : ": " + io.getMessage()) + ")";
            }
        }
        // Every discovery address answered 4xx: the library lists those answers in its message.
        Matcher status = FIRST_STATUS.matcher(String.valueOf(failure.getMessage()));
        if (status.find()) {
            return "the discovery document " + url + " answered HTTP " + status.group(1);
        }
        return "the issuer's metadata cannot be used: " + failure.getMessage();
    }
}
