package dev.mosaic.events.provider;

import org.axonframework.serialization.Revision;

/** The new values of a provider's descriptive details (only emitted when one of them changed). */
@Revision("1")
public record ProviderDetailsChanged(String providerId, String displayName, String type, String baseUrl,
                                     String apiType) implements ProviderEvent {
}
