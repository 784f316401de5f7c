package dev.mosaic.query.installation;

import dev.mosaic.events.secret.SecretRef;

import java.util.List;

/** Onboarding state and the OIDC settings; the client secret stays a ciphertext. */
public record InstallationView(boolean onboardingCompleted, OidcSettings oidc) {
    public record OidcSettings(String issuerUrl, String clientId, SecretRef clientSecret, List<String> scopes,
                               String roleClaim, List<String> adminValues, List<String> auditorValues,
                               boolean verified) {
    }
}
