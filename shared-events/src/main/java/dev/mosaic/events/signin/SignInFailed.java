package dev.mosaic.events.signin;

import org.axonframework.serialization.Revision;

/** {@code username} as typed (or as the IdP named the user, if it did); {@code reason} never holds a secret. */
@Revision("1")
public record SignInFailed(String username, String method, String reason) implements SignInEvent {
}
