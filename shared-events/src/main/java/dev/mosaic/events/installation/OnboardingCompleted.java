package dev.mosaic.events.installation;

import org.axonframework.serialization.Revision;

@Revision("1")
public record OnboardingCompleted(String installationId) implements InstallationEvent {
}
