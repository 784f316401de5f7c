package dev.mosaic.server.security;

import dev.mosaic.events.agent.AgentTokens;
import dev.mosaic.query.api.AgentConfigs;
import dev.mosaic.query.api.RenderedElsewhere;
import dev.mosaic.query.api.ConfigRendering;
import dev.mosaic.server.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Authenticates agents on {@code /api/internal/agent-config/{name}/…} by their bearer token: no token or an
 * unknown, rotated or deactivated one is 401; another agent's token (or any other internal path) is 403. It is the
 * whole of the agents' security chain, so it also stands for authorization.
 */
class AgentTokenFilter extends OncePerRequestFilter {
    private static final Pattern AGENT_PATH = Pattern.compile("^/api/internal/agent-config/([^/]+)(/.*)?$");
    private static final List<GrantedAuthority> AGENT = AuthorityUtils.createAuthorityList("ROLE_AGENT");
    private final AgentConfigs configs;
    private final ConfigRendering renderer;
    private final RenderedElsewhere cluster;
    private final ProblemWriter problems;

    AgentTokenFilter(AgentConfigs configs, ConfigRendering renderer, RenderedElsewhere cluster, ProblemWriter problems) {
        this.cluster = cluster;
        this.configs = configs;
        this.renderer = renderer;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String token = AgentTokens.fromAuthorization(header);
        Optional<String> agent = token == null ? Optional.empty() : configs.agentForToken(token);
        if (agent.isEmpty() && token != null && (renderer.renderPendingNow() || cluster.serveIfRenderedElsewhere(token))) {
            agent = configs.agentForToken(token);
        }
        if (agent.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problems.write(response, ProblemWriter.problem(HttpStatus.UNAUTHORIZED,
                    "Send this agent's token as 'Authorization: Bearer <token>'."));
            return;
        }
        Matcher path = AGENT_PATH.matcher(request.getRequestURI());
        if (!path.matches() || !path.group(1).equals(agent.get())) {
            problems.write(response, ProblemWriter.problem(HttpStatus.FORBIDDEN, "This token belongs to another agent."));
            return;
        }
        SecurityContextHolder.setContext(new SecurityContextImpl(
                UsernamePasswordAuthenticationToken.authenticated("agent:" + agent.get(), null, AGENT)));
        chain.doFilter(request, response); // Spring Security's FilterChainProxy clears the context afterwards
    }
}
