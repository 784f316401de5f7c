package dev.mosaic.server.testing;

import dev.mosaic.server.security.MosaicUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Test-only sign-in: writes a session for a {@link MosaicUser} of the given role straight into Spring Session's
 * store, holding the same security context a real sign-in saves, and hands out a client carrying its cookie.
 * The real sign-ins (breakglass, OIDC against the mock IdP) are tested on their own.
 */
public final class TestSessions {
    private final SessionRepository<Session> sessions;
    private final int port;

    @SuppressWarnings("unchecked")
    public TestSessions(SessionRepository<? extends Session> sessions, int port) {
        this.sessions = (SessionRepository<Session>) sessions;
        this.port = port;
    }

    public Api as(String role) {
        String id = java.util.UUID.randomUUID().toString();
        return as(new MosaicUser(id, role.toLowerCase() + "-" + id.substring(0, 8), "Test " + role, List.of(role), "oidc"));
    }

    public Api as(MosaicUser user) {
        Session session = sessions.createSession();
        var authorities = user.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities)));
        sessions.save(session);
        Api api = new Api(port);
        api.setCookie("SESSION", Base64.getEncoder().encodeToString(session.getId().getBytes(StandardCharsets.UTF_8)));
        return api;
    }
}
