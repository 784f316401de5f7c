package dev.mosaic.server.security;

import dev.mosaic.command.api.VerifyOidcSignIn;
import dev.mosaic.command.api.RecordSignIn;
import dev.mosaic.query.api.InstallationView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The end of an OIDC sign-in. Success: the IdP's user becomes a {@link MosaicUser} with the role its role claim
 * maps to, is put into a fresh session like a breakglass sign-in, the sign-in is audited, and an admin's first
 * sign-in since the settings changed marks them verified. Failure: audited, and the browser goes back to the
 * sign-in page with {@code ?error=sso}.
 */
@Component
class OidcSignIns implements AuthenticationSuccessHandler, AuthenticationFailureHandler {
    static final String FAILURE_URL = "/signin?error=sso";
    private static final Logger log = LoggerFactory.getLogger(OidcSignIns.class);

    private final InstallationClientRegistrations registrations;
    private final SessionSignIns sessions;
    private final CommandGateway commands;

    OidcSignIns(InstallationClientRegistrations registrations, SessionSignIns sessions, CommandGateway commands) {
        this.registrations = registrations;
        this.sessions = sessions;
        this.commands = commands;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException {
        Optional<InstallationView.OidcSettings> settings = registrations.settings();
        if (!(authentication.getPrincipal() instanceof OidcUser oidc) || settings.isEmpty()) {
            onAuthenticationFailure(request, response, new OAuth2AuthenticationException("oidc_not_configured"));
            return;
        }
        MosaicUser user = user(oidc.getSubject(), oidc.getClaims(), settings.get());
        sessions.signIn(user, request, response);
        record(RecordSignIn.succeeded(user.username(), "oidc", user.id(), user.roles()));
        if (user.roles().contains(MosaicUser.ADMIN) && !settings.get().verified()) {
            try {
                commands.sendAndWait(new VerifyOidcSignIn(settings.get().issuerUrl(), user.id()));
            } catch (RuntimeException e) {
                log.warn("could not mark the OIDC settings verified: {}", e.toString());
            }
        }
        response.sendRedirect("/");
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        String reason = exception instanceof OAuth2AuthenticationException oauth
                ? oauth.getError().getErrorCode() : "authentication_failed";
        log.info("OIDC sign-in failed: {}", reason);
        record(RecordSignIn.failed(null, "oidc", reason));
        response.sendRedirect(FAILURE_URL);
    }

    private void record(RecordSignIn command) {
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException e) {
            log.warn("could not audit an OIDC sign-in: {}", e.toString());
        }
    }

    /** The user as Mosaic sees them: id = sub; the role from the configured claim. */
    static MosaicUser user(String subject, Map<String, Object> claims, InstallationView.OidcSettings settings) {
        String username = firstText(claims, "preferred_username", "email").orElse(subject);
        String displayName = firstText(claims, "name", "preferred_username", "email").orElse(subject);
        List<String> values = claimValues(claims, settings.roleClaim());
        String role = values.stream().anyMatch(settings.adminValues()::contains) ? MosaicUser.ADMIN
                : values.stream().anyMatch(settings.auditorValues()::contains) ? MosaicUser.AUDITOR : MosaicUser.USER;
        return new MosaicUser(subject, username, displayName, List.of(role), "oidc");
    }

    /** A claim's values: a string or a list of them; a dotted name reaches into objects (realm_access.roles). */
    static List<String> claimValues(Map<String, Object> claims, String claim) {
        if (claim == null) {
            return List.of();
        }
        Object value = claims.get(claim);
        if (value == null && claim.contains(".")) {
            Object node = claims;
            for (String part : claim.split("\\.")) {
                node = node instanceof Map<?, ?> map ? map.get(part) : null;
            }
            value = node;
        }
        List<String> values = new ArrayList<>();
        if (value instanceof String text) {
            values.add(text);
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(item -> values.add(String.valueOf(item)));
        }
        return values;
    }

    private static Optional<String> firstText(Map<String, Object> claims, String... names) {
        for (String name : names) {
            if (claims.get(name) instanceof String text && !text.isBlank()) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }
}
