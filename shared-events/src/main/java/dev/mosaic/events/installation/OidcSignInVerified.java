package dev.mosaic.events.installation;

import org.axonframework.serialization.Revision;

/**
 * An admin completed a sign-in through the configured OIDC provider since its settings last changed; until
 * then the login page keeps breakglass first. {@code subject} is the admin's {@code sub} at that issuer.
 */
@Revision("1")
public record OidcSignInVerified(String installationId, String issuerUrl, String subject) implements InstallationEvent {
}
