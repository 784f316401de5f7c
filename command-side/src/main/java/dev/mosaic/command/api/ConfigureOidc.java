package dev.mosaic.command.api;

import dev.mosaic.events.installation.InstallationEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

/**
 * {@code clientSecret} is plaintext; null keeps the secret already configured. {@code expectedVersion} (from
 * If-Match) is null when the caller does not guard against concurrent edits.
 */
public record ConfigureOidc(@TargetAggregateIdentifier String installationId, String issuerUrl, String clientId,
                            String clientSecret, List<String> scopes, String roleClaim, List<String> adminValues,
                            List<String> auditorValues, @TargetAggregateVersion Long expectedVersion) {
    public ConfigureOidc(String issuerUrl, String clientId, String clientSecret, List<String> scopes,
                         String roleClaim, List<String> adminValues, List<String> auditorValues) {
        this(issuerUrl, clientId, clientSecret, scopes, roleClaim, adminValues, auditorValues, null);
    }

    public ConfigureOidc(String issuerUrl, String clientId, String clientSecret, List<String> scopes,
                         String roleClaim, List<String> adminValues, List<String> auditorValues, Long expectedVersion) {
        this(InstallationEvent.ID, issuerUrl, clientId, clientSecret, scopes, roleClaim, adminValues, auditorValues,
                expectedVersion);
    }

    @Override
    public String toString() {
        return "ConfigureOidc[" + issuerUrl + ", " + clientId + "]";
    }
}
