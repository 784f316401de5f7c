package dev.mosaic.query.agentconfig;

import dev.mosaic.events.agent.AgentTokens;
import dev.mosaic.query.api.AgentConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.io.IOException;

/**
 * {@code GET /api/internal/agent-config/{name}} and its change stream {@code …/{name}/events} with the agent's own
 * token, answered before any other filter and without Spring MVC: every agent polls the one all day and holds the
 * other open all day, and the browsers' stack (security chains, sessions, request context, observation, handler
 * lookup, per-request wrappers kept for as long as a stream is open) was most of their cost. Only a plain success is answered here: a raw path of
 * any other shape, a token that is not this agent's, an agent not served yet — everything else goes on to the
 * regular chain, which authenticates, catches up and answers with the same problems as before.
 *
 * <p>The raw URI must be the prefix and a name of {@code [a-z0-9-]}: nothing Spring Security's firewall guards
 * against (dots, encoded characters, semicolons, slashes) can reach the lookup.
 */
class ConfigFetchFilter extends HttpFilter {
    static final String PREFIX = "/api/internal/agent-config/";
    static final String EVENTS = "/events";
    private static final int MAX_NAME = 63;
    private static final String NO_CACHE = "no-cache";
    private final AgentConfigStore store;
    private final ConfigChangeStream stream;

    ConfigFetchFilter(AgentConfigStore store, ConfigChangeStream stream) {
        this.store = store;
        this.stream = stream;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String uri = request.getRequestURI();
        boolean events = uri.endsWith(EVENTS);
        AgentConfig config = "GET".equals(request.getMethod())
                ? servable(request, events ? uri.substring(0, uri.length() - EVENTS.length()) : uri) : null;
        if (config == null) {
            chain.doFilter(request, response);
            return;
        }
        if (events) {
            stream.open(request, response, config);
            return;
        }
        store.recordSeen(config.name());
        String etag = ConfigETags.quoted(config);
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(AgentConfigController.VERSION_HEADER, Long.toString(config.version()));
        response.setHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE);
        if (ConfigETags.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), config)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] document = config.document();
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(document.length);
        response.getOutputStream().write(document);
    }

    /** The active agent named by the path (without {@code /events}) when the request carries its token; otherwise null. */
    private AgentConfig servable(HttpServletRequest request, String uri) {
        String name = nameIn(uri);
        String header = name == null ? null : request.getHeader(HttpHeaders.AUTHORIZATION);
        String token = AgentTokens.fromAuthorization(header);
        if (token == null) {
            return null;
        }
        return store.configForToken(token).filter(config -> config.name().equals(name)).orElse(null);
    }

    private static String nameIn(String uri) {
        int length = uri.length() - PREFIX.length();
        if (length < 1 || length > MAX_NAME || !uri.startsWith(PREFIX)) {
            return null;
        }
        for (int i = PREFIX.length(); i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return null;
            }
        }
        return uri.substring(PREFIX.length());
    }
}
