package dev.mosaic.server.security;

import dev.mosaic.events.meta.Actor;
import dev.mosaic.events.meta.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.UUID;

/** The actor of the current HTTP request (or the process-wide one: the CLI, the system). */
@Component
public class HttpRequestContext implements RequestContext {
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final String CORRELATION_ATTRIBUTE = HttpRequestContext.class.getName() + ".correlation";

    private volatile Actor outsideRequests = Actor.SYSTEM;

    /** The CLI sets itself as the actor of everything it does. */
    public void actOutsideRequestsAs(Actor actor) {
        this.outsideRequests = actor;
    }

    @Override
    public Actor actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof MosaicUser user) {
            return user.actor();
        }
        if (authentication != null && authentication.getPrincipal() instanceof ApiTokenUser token) {
            return token.actor();
        }
        return request() == null ? outsideRequests : Actor.ANONYMOUS;
    }

    @Override
    public String clientAddress() {
        HttpServletRequest request = request();
        return request == null ? null : request.getRemoteAddr();
    }

    @Override
    public String correlationId() {
        HttpServletRequest request = request();
        if (request == null) {
            return UUID.randomUUID().toString();
        }
        Object id = request.getAttribute(CORRELATION_ATTRIBUTE);
        if (id == null) {
            String header = request.getHeader(CORRELATION_HEADER);
            id = header != null && header.matches("[A-Za-z0-9._:-]{1,100}") ? header : UUID.randomUUID().toString();
            request.setAttribute(CORRELATION_ATTRIBUTE, id);
        }
        return id.toString();
    }

    private static HttpServletRequest request() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
    }
}
