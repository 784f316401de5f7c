package dev.mosaic.command.installation;

import org.springframework.lang.Nullable;

import java.util.List;

/** Body of {@code POST /api/onboarding/oidc} and {@code PUT /api/settings/oidc}; no clientSecret keeps the old one. */
record OidcSettingsRequest(String issuerUrl, String clientId, String clientSecret, List<String> scopes,
                           @Nullable String roleClaim, List<String> adminValues, List<String> auditorValues) {
    @Override
    public String toString() {
        return "OidcSettingsRequest[" + issuerUrl + ", " + clientId + "]";
    }
}
