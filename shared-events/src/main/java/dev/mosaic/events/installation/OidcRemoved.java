package dev.mosaic.events.installation;

import org.axonframework.serialization.Revision;

@Revision("1")
public record OidcRemoved(String installationId) implements InstallationEvent {
}
