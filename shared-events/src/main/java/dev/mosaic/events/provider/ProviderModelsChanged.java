package dev.mosaic.events.provider;

import org.axonframework.serialization.Revision;

import java.util.List;

@Revision("1")
public record ProviderModelsChanged(String providerId, List<ProviderModel> models) implements ProviderEvent {
}
