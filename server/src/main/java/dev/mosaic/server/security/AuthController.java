package dev.mosaic.server.security;

import jakarta.servlet.http.HttpServletRequest;
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
    private final AuthenticationManager authentication;
    private final SignInThrottle throttle;
    private final BreakglassAccounts accounts;
    private final SessionSignIns sessions;

    AuthController(AuthenticationManager authentication, SignInThrottle throttle, BreakglassAccounts accounts,
                   SessionSignIns sessions) {
        this.authentication = authentication;
        this.throttle = throttle;
        this.accounts = accounts;
        this.sessions = sessions;
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

    record SignInProviders(boolean breakglass, boolean oidcConfigured, boolean oidcVerified) {
    }

    @PostMapping("/login")
    Me login(@RequestBody LoginRequest body, HttpServletRequest request, HttpServletResponse response) {
        String username = body.username() == null ? "" : body.username();
        String address = request.getRemoteAddr();
        throttle.checkAllowed(username, address);
        try {
            authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username,
                    body.password() == null ? "" : body.password()));
        } catch (AuthenticationException e) {
            throttle.recordFailure(username, address);
            throw new BadCredentialsException("wrong username or password");
        }
        throttle.recordSuccess(username, address);
        MosaicUser user = accounts.principal(username);
        sessions.signIn(user, request, response);
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

    /** Tells the sign-in page which methods it can offer. OIDC arrives with its own settings. */
    @GetMapping("/providers")
    SignInProviders providers() {
        return new SignInProviders(true, false, false);
    }
}
