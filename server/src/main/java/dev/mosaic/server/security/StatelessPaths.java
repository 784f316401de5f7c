package dev.mosaic.server.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Paths that never use a session: agents (bearer token) and health probes. Neither Spring Session nor the
 * browser's security chain (session, CSRF, request cache) runs for them.
 */
final class StatelessPaths {
    static final String AGENTS = "/api/internal/";
    private static final String HEALTH = "/actuator/health";

    static final RequestMatcher AGENT_REQUESTS = request -> path(request).startsWith(AGENTS);
    static final RequestMatcher HEALTH_REQUESTS = request -> isHealth(path(request));
    static final RequestMatcher ALL = request -> matches(request);

    private StatelessPaths() {
    }

    /**
     * On the raw request URI: a path that only looks stateless after normalization is refused by Spring
     * Security's firewall, and skipping the session can only leave a request less authorized, never more.
     */
    static boolean matches(HttpServletRequest request) {
        String path = path(request);
        return path.startsWith(AGENTS) || isHealth(path);
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
