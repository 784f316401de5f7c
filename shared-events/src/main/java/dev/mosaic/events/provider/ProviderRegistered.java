package dev.mosaic.events.provider;

import dev.mosaic.events.secret.SecretRef;
import org.axonframework.serialization.Revision;

import java.util.List;

@Revision("1")
public record ProviderRegistered(String providerId, String name, String displayName, String type, String baseUrl,
                                 String apiType, SecretRef apiKey, List<ProviderModel> models) implements ProviderEvent {
}
