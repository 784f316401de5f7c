package dev.mosaic.server.security;

import dev.mosaic.command.api.RecordSignIn;
import dev.mosaic.query.api.CurrentInstallation;
import dev.mosaic.query.api.InstallationView;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.authentication.DisabledException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/auth")
class AuthController {
    private static final String BREAKGLASS = "breakglass";
    private final AuthenticationManager authentication;
    private final SignInThrottle throttle;
    private final BreakglassAccounts accounts;
    private final SessionSignIns sessions;
    private final CurrentInstallation installation;
    private final CommandGateway commands;

    AuthController(AuthenticationManager authentication, SignInThrottle throttle, BreakglassAccounts accounts,
                   SessionSignIns sessions, CurrentInstallation installation, CommandGateway commands) {
        this.authentication = authentication;
        this.throttle = throttle;
        this.accounts = accounts;
        this.sessions = sessions;
        this.installation = installation;
        this.commands = commands;
    }

    record LoginRequest(String username, String password) {
        @Override
        public String toString() {
            return "LoginRequest[" + username + "]";
        }
    }

    record Me(String username, String displayName, List<String> roles, String authMethod) {
        static Me of(MosaicUser user) {
            return new Me(user.username(), user.displayName(), user.roles(), user.authMethod());
        }
    }

    record SignInProviders(boolean breakglass, boolean oidcConfigured, boolean oidcVerified, String oidcLoginUrl) {
    }

    @PostMapping("/login")
    Me login(@RequestBody LoginRequest body, HttpServletRequest request, HttpServletResponse response) {
        String username = body.username() == null ? "" : body.username();
        String address = request.getRemoteAddr();
        try {
            throttle.checkAllowed(username, address);
        } catch (SignInThrottledException e) {
            commands.sendAndWait(RecordSignIn.failed(username, BREAKGLASS, "too many failed sign-ins"));
            throw e;
        }
        try {
            authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username,
                    body.password() == null ? "" : body.password()));
        } catch (AuthenticationException e) {
            throttle.recordFailure(username, address);
            commands.sendAndWait(RecordSignIn.failed(username, BREAKGLASS,
                    e instanceof DisabledException ? "user deactivated" : "wrong username or password"));
            throw new BadCredentialsException("wrong username or password");
        }
        throttle.recordSuccess(username, address);
        MosaicUser user = accounts.principal(username);
        sessions.signIn(user, request, response);
        commands.sendAndWait(RecordSignIn.succeeded(user.username(), BREAKGLASS, user.id(), user.roles()));
        return Me.of(user);
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me")
    Me me(@AuthenticationPrincipal MosaicUser user) {
        return Me.of(user);
    }

    /**
     * Tells the sign-in page which methods it can offer: breakglass always; SSO once configured, as the main
     * button once an admin has completed a sign-in through it since its settings last changed.
     */
    @GetMapping("/providers")
    SignInProviders providers() {
        InstallationView.OidcSettings oidc = installation.current().oidc();
        return new SignInProviders(true, oidc != null, oidc != null && oidc.verified(), OidcConfiguration.LOGIN_URL);
    }
}
