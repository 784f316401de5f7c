package dev.mosaic.query.api;

import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.query.api.HasVersion;
import org.springframework.lang.Nullable;

import java.util.List;

/** A provider as settings readers see it: never the key, only whether one is set. */
public record ProviderView(String id, String name, String displayName, String type, @Nullable String baseUrl,
                           @Nullable String effectiveBaseUrl, @Nullable String apiType, boolean apiKeySet, List<ProviderModel> models,
                           boolean active, long version) implements HasVersion {
}
