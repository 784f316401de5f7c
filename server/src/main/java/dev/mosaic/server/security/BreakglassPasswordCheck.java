package dev.mosaic.server.security;

import dev.mosaic.events.breakglass.PasswordCheck;
import dev.mosaic.query.api.BreakglassCredentials;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** The command side's way to check a breakglass password: the credentials projection's hash, the sign-in encoder. */
@Component
class BreakglassPasswordCheck implements PasswordCheck {
    private final BreakglassCredentials credentials;
    private final PasswordEncoder encoder;

    BreakglassPasswordCheck(BreakglassCredentials credentials, PasswordEncoder encoder) {
        this.credentials = credentials;
        this.encoder = encoder;
    }

    @Override
    public boolean isCurrentPassword(String username, String password) {
        return encoder.matches(password, credentials.byUsername(username).orElseThrow().passwordHash());
    }
}
