package dev.mosaic.query.agentconfig;

import dev.mosaic.query.api.AgentConfig;
import dev.mosaic.query.api.ConfigFetch;
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
 * lookup, per-request wrappers kept for as long as a stream is open) was most of their cost. The web server may
 * answer the plain fetch even earlier (see the server's {@code ConfigFetchHandler}); this filter answers it where it
 * does not. Everything that is not an active agent's own request goes on to the regular chain, which authenticates,
 * catches up and answers with the same problems as before.
 */
class ConfigFetchFilter extends HttpFilter {
    static final String PREFIX = ConfigFetch.PREFIX;
    static final String EVENTS = "/events";
    private final ConfigFetchAnswers answers;
    private final ConfigChangeStream stream;

    ConfigFetchFilter(ConfigFetchAnswers answers, ConfigChangeStream stream) {
        this.answers = answers;
        this.stream = stream;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"GET".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String uri = request.getRequestURI();
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (uri.endsWith(EVENTS)) {
            AgentConfig config = answers.servable(uri.substring(0, uri.length() - EVENTS.length()), authorization);
            if (config == null) {
                chain.doFilter(request, response);
            } else {
                stream.open(request, response, config);
            }
            return;
        }
        ConfigFetch.Answer answer = answers.answer(uri, authorization, request.getHeader(HttpHeaders.IF_NONE_MATCH));
        if (answer == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(answer.status());
        response.setHeader(HttpHeaders.ETAG, answer.etag());
        response.setHeader(ConfigFetch.Answer.VERSION_HEADER, answer.version());
        response.setHeader(HttpHeaders.CACHE_CONTROL, ConfigFetch.Answer.CACHE_CONTROL);
        if (answer.body() != null) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(answer.body().length);
            response.getOutputStream().write(answer.body());
        }
    }
}
