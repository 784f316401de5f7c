package dev.mosaic.server.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Requests that never use a session: agents (bearer token), health probes, and API requests that come with an API
 * token ({@code Authorization: Bearer mosaic_pat_…}, anywhere under {@code /api/} but the agents' paths). Neither
 * Spring Session nor the browser's security chain (session, CSRF, request cache) runs for them.
 */
final class StatelessPaths {
    static final String AGENTS = "/api/internal/";
    private static final String HEALTH = "/actuator/health";
    private static final String API = "/api/";
    private static final String BEARER = "Bearer ";

    static final RequestMatcher AGENT_REQUESTS = request -> path(request).startsWith(AGENTS);
    static final RequestMatcher HEALTH_REQUESTS = request -> isHealth(path(request));
    static final RequestMatcher TOKEN_REQUESTS = StatelessPaths::isTokenRequest;
    static final RequestMatcher ALL = request -> matches(request);

    private StatelessPaths() {
    }

    /**
     * On the raw request URI: a path that only looks stateless after normalization is refused by Spring
     * Security's firewall, and skipping the session can only leave a request less authorized, never more.
     */
    static boolean matches(HttpServletRequest request) {
        String path = path(request);
        return path.startsWith(AGENTS) || isHealth(path) || isTokenRequest(request);
    }

    /** An API request with an API token; agents' paths are never reached with one (their chain refuses it). */
    static boolean isTokenRequest(HttpServletRequest request) {
        String path = path(request);
        return path.startsWith(API) && !path.startsWith(AGENTS) && apiToken(request) != null;
    }

    /** The {@code mosaic_pat_…} of the request's {@code Authorization: Bearer} header (any case of the scheme), or null. */
    static String apiToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        return token.startsWith(dev.mosaic.events.token.ApiTokens.PREFIX) ? token : null;
    }

    private static boolean isHealth(String path) {
        return path.startsWith(HEALTH) && (path.length() == HEALTH.length() || path.charAt(HEALTH.length()) == '/');
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context.isEmpty() ? uri : uri.substring(context.length());
    }
}
