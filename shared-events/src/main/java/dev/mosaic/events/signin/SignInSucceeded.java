package dev.mosaic.events.signin;

import org.axonframework.serialization.Revision;

import java.util.List;

/** {@code userId}: the breakglass user's id, or the OIDC {@code sub}; {@code roles} as granted at sign-in. */
@Revision("1")
public record SignInSucceeded(String username, String method, String userId, List<String> roles)
        implements SignInEvent {
}
