package dev.mosaic.events.provider;

import org.axonframework.serialization.Revision;

/** Carries the name so that readers can free it without looking it up. */
@Revision("1")
public record ProviderRemoved(String providerId, String name) implements ProviderEvent {
}
