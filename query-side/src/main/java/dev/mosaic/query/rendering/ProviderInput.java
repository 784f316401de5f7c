package dev.mosaic.query.rendering;

import dev.mosaic.events.provider.ProviderModel;

import java.util.List;

/** A provider as rendering needs it, its API key already decrypted (null when it has none). */
public record ProviderInput(String providerId, String name, String type, String baseUrl, String apiType,
                            String apiKey, List<ProviderModel> models) {
    @Override
    public String toString() {
        return "ProviderInput[" + name + "]";
    }
}
