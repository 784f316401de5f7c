package dev.mosaic.events.installation;

import dev.mosaic.events.secret.SecretRef;
import org.axonframework.serialization.Revision;

import java.util.List;

@Revision("1")
public record OidcConfigured(String installationId, String issuerUrl, String clientId, SecretRef clientSecret,
                             List<String> scopes, String roleClaim, List<String> adminValues,
                             List<String> auditorValues) implements InstallationEvent {
}
