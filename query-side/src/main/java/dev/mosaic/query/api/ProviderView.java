package dev.mosaic.query.api;

import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.query.api.HasVersion;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.util.List;

/** A provider as settings readers see it: never the key, only whether one is set. */
public record ProviderView(String id, String name, String displayName,
                           @Schema(allowableValues = {"openai", "anthropic", "zai", "ollama", "custom"}) String type,
                           @Nullable String baseUrl,
                           @Nullable String effectiveBaseUrl, @Nullable String apiType, boolean apiKeySet, List<ProviderModel> models,
                           boolean active, long version) implements HasVersion {
}
