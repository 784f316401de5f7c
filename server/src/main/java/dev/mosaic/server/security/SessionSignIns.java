package dev.mosaic.server.security;

import dev.mosaic.events.signin.SessionSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Puts a user into a fresh session: a new session id (no fixation), the security context saved in it. */
@Component
class SessionSignIns implements SessionSignIn {
    private final SecurityContextRepository contexts;
    private final BreakglassAccounts accounts;

    SessionSignIns(SecurityContextRepository contexts, BreakglassAccounts accounts) {
        this.contexts = contexts;
        this.accounts = accounts;
    }

    @Override
    public void signInBreakglass(String username) {
        // the request being served (Spring MVC binds it with its response to the handling thread)
        var current = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
        signIn(accounts.principal(username), current.getRequest(), current.getResponse());
    }

    void signIn(MosaicUser user, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        var authorities = user.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
