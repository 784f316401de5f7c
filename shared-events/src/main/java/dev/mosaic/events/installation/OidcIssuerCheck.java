package dev.mosaic.events.installation;

import java.util.Optional;

/**
 * Checks an issuer's discovery document ({@code {issuerUrl}/.well-known/openid-configuration}) before OIDC
 * settings are saved; implemented by the server. Answers the reason the issuer cannot be used, if any.
 */
public interface OidcIssuerCheck {
    Optional<String> problem(String issuerUrl);
}
