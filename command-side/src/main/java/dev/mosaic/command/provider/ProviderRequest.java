package dev.mosaic.command.provider;

import dev.mosaic.command.api.ModelInput;
import java.util.List;

/** The body of {@code POST /api/providers}. */
public record ProviderRequest(String name, String displayName, String type, String baseUrl, String apiKey,
                              String apiType, List<ModelInput> models) {
    @Override
    public String toString() {
        return "ProviderRequest[" + name + "]";
    }
}
