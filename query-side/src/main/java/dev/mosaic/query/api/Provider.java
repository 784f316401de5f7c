package dev.mosaic.query.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.provider.ProviderType;
import dev.mosaic.events.secret.SecretRef;
import org.springframework.lang.Nullable;

import java.util.List;

/**
 * An LLM provider: the one shape the views, replay, history, previews and rendering share. What an event does
 * to it is decided by {@code ProviderReducer} alone. {@code baseUrl} and {@code apiType} are as set (null: the
 * type's default, see {@link #effectiveBaseUrl()}); the API key stays a ciphertext and never leaves in an answer.
 */
public record Provider(String id, String name, String displayName, String type, @Nullable String baseUrl,
                       @Nullable String apiType, @JsonIgnore @KeptInStore @Nullable SecretRef apiKey,
                       List<ProviderModel> models, boolean active, long version) implements HasVersion {

    public Provider {
        models = models == null ? List.of() : List.copyOf(models);
    }

    public Provider withDetails(String displayName, String type, String baseUrl, String apiType) {
        return new Provider(id, name, displayName, type, baseUrl, apiType, apiKey, models, active, version);
    }

    public Provider withApiKey(SecretRef apiKey) {
        return new Provider(id, name, displayName, type, baseUrl, apiType, apiKey, models, active, version);
    }

    public Provider withModels(List<ProviderModel> models) {
        return new Provider(id, name, displayName, type, baseUrl, apiType, apiKey, models, active, version);
    }

    public Provider withActive(boolean active) {
        return new Provider(id, name, displayName, type, baseUrl, apiType, apiKey, models, active, version);
    }

    public Provider withVersion(long version) {
        return new Provider(id, name, displayName, type, baseUrl, apiType, apiKey, models, active, version);
    }

    /** The base URL requests go to: as set, else the type's default (null for a custom type without one). */
    public String effectiveBaseUrl() {
        return knownType().effectiveBaseUrl(baseUrl);
    }

    /** The API dialect: as set, else the type's default. */
    public String effectiveApiType() {
        return knownType().effectiveApiType(apiType);
    }

    private ProviderType knownType() {
        return ProviderType.fromWireName(type).orElse(ProviderType.CUSTOM);
    }

    @Override
    public String toString() {
        return "Provider[" + name + " v" + version + "]";
    }
}
