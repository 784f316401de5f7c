package dev.mosaic.query.api;

import dev.mosaic.events.provider.ProviderModel;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.util.List;

/** A provider as settings readers see it: never the key, only whether one is set; the defaults filled in. */
public record ProviderView(String id, String name, String displayName,
                           @Schema(allowableValues = {"openai", "anthropic", "zai", "ollama", "custom"}) String type,
                           @Nullable String baseUrl,
                           @Nullable String effectiveBaseUrl, @Nullable String apiType, boolean apiKeySet, List<ProviderModel> models,
                           boolean active, long version) implements HasVersion {

    public static ProviderView of(Provider p) {
        return new ProviderView(p.id(), p.name(), p.displayName(), p.type(), p.baseUrl(), p.effectiveBaseUrl(),
                p.effectiveApiType(), p.apiKey() != null, p.models(), p.active(), p.version());
    }
}
