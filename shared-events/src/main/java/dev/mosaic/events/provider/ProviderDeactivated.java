package dev.mosaic.events.provider;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ProviderDeactivated(String providerId) implements ProviderEvent {
}
