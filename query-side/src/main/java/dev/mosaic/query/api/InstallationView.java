package dev.mosaic.query.api;

import dev.mosaic.events.secret.SecretRef;

import java.util.List;

/**
 * Onboarding state and the OIDC settings; the client secret stays a ciphertext. {@code version} is the
 * installation's aggregate version (null before its first event).
 */
public record InstallationView(boolean onboardingCompleted, OidcSettings oidc, Long version) {
    public record OidcSettings(String issuerUrl, String clientId, SecretRef clientSecret, List<String> scopes,
                               String roleClaim, List<String> adminValues, List<String> auditorValues,
                               boolean verified) {
    }
}
