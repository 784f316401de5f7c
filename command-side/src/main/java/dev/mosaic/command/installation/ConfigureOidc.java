package dev.mosaic.command.installation;

import dev.mosaic.events.installation.InstallationEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** {@code clientSecret} is plaintext; null keeps the secret already configured. */
public record ConfigureOidc(@TargetAggregateIdentifier String installationId, String issuerUrl, String clientId,
                            String clientSecret, List<String> scopes, String roleClaim, List<String> adminValues,
                            List<String> auditorValues) {
    public ConfigureOidc(String issuerUrl, String clientId, String clientSecret, List<String> scopes,
                         String roleClaim, List<String> adminValues, List<String> auditorValues) {
        this(InstallationEvent.ID, issuerUrl, clientId, clientSecret, scopes, roleClaim, adminValues, auditorValues);
    }

    @Override
    public String toString() {
        return "ConfigureOidc[" + issuerUrl + ", " + clientId + "]";
    }
}
