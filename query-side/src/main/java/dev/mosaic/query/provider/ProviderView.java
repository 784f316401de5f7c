package dev.mosaic.query.provider;

import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.query.common.Versioned;
import org.springframework.lang.Nullable;

import java.util.List;

/** A provider as settings readers see it: never the key, only whether one is set. */
public record ProviderView(String id, String name, String displayName, String type, @Nullable String baseUrl,
                           @Nullable String effectiveBaseUrl, @Nullable String apiType, boolean apiKeySet, List<ProviderModel> models,
                           boolean active, long version) implements Versioned.HasVersion {
}
