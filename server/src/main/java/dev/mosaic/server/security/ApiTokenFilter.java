package dev.mosaic.server.security;

import dev.mosaic.events.token.ApiTokens;
import dev.mosaic.query.api.ApiTokenCredential;
import dev.mosaic.query.api.ApiTokenCredentials;
import dev.mosaic.server.web.ProblemWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer mosaic_pat_…} requests (see {@link StatelessPaths#TOKEN_REQUESTS}): the
 * token's SHA-256 is looked up in the token table on every request (so a revocation holds on every node at once) and
 * compared in constant time; revoked, expired, unknown tokens and those of a deactivated breakglass owner are 401.
 * The token is never logged nor kept: only its hash leaves this method.
 */
class ApiTokenFilter extends OncePerRequestFilter {
    private static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);
    private final ApiTokenCredentials tokens;
    private final ProblemWriter problems;
    private final RequestAttributeSecurityContextRepository contexts;
    private final Counter accepted;
    private final Counter rejected;

    ApiTokenFilter(ApiTokenCredentials tokens, ProblemWriter problems, RequestAttributeSecurityContextRepository contexts,
                   MeterRegistry registry) {
        this.tokens = tokens;
        this.problems = problems;
        this.contexts = contexts;
        this.accepted = counter(registry, "accepted");
        this.rejected = counter(registry, "rejected");
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("mosaic.api.token.requests").tag("result", result)
                .description("Requests that came with an API token, by whether the token was accepted")
                .register(registry);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = StatelessPaths.apiToken(request);
        Instant now = Instant.now();
        Optional<ApiTokenCredential> found = ApiTokens.looksLikeToken(token)
                ? tokens.byHash(ApiTokens.hash(token)) : Optional.empty();
        String refusal = found.isEmpty()
                ? "The API token is unknown. Send 'Authorization: Bearer mosaic_pat_…' with a token issued in Settings → API tokens."
                : refusal(found.get(), token, now);
        if (refusal != null) {
            rejected.increment();
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            problems.write(response, ProblemWriter.problem(HttpStatus.UNAUTHORIZED, refusal));
            return;
        }
        ApiTokenCredential credential = found.get();
        accepted.increment();
        if (credential.lastUsedAt() == null || !credential.lastUsedAt().plus(USE_RECORDED_EVERY).isAfter(now)) {
            tokens.markUsed(credential.tokenId(), now);
        }
        ApiTokenUser user = new ApiTokenUser(credential.tokenId(), credential.name(), credential.ownerId(),
                credential.ownerName(), credential.role());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                AuthorityUtils.createAuthorityList("ROLE_" + credential.role())));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response); // for async dispatches of the same request
        chain.doFilter(request, response);
    }

    /** Why the stored token does not let this request in, or null when it does. */
    private static String refusal(ApiTokenCredential credential, String token, Instant now) {
        byte[] stored = credential.tokenHash().getBytes(StandardCharsets.US_ASCII);
        byte[] presented = ApiTokens.hash(token).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(stored, presented)) {
            return "The API token is unknown.";
        }
        if (credential.revoked()) {
            return "This API token was revoked.";
        }
        if (!credential.expiresAt().isAfter(now)) {
            return "This API token expired at " + credential.expiresAt() + "; issue a new one.";
        }
        if (!credential.ownerActive()) {
            return "The owner of this API token is deactivated.";
        }
        return null;
    }
}
