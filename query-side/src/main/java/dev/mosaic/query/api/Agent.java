package dev.mosaic.query.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.events.secret.SecretRef;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.util.List;

/**
 * An agent: the one shape the views, replay, history, previews and rendering share. What an event does to it is
 * decided by {@code AgentReducer} alone. Settings readers see it without its token ({@link JsonIgnore}); the
 * views and snapshots keep the token's ciphertext and hash ({@link KeptInStore}).
 */
@Schema(name = "AgentView")
public record Agent(String id, String name, String displayName, @Nullable String role, String gatewayUrl,
                    @Nullable String providerId, @Nullable String primaryModel, List<ModelRef> fallbacks,
                    @Nullable String personality, List<String> toolPermissions, boolean canary, boolean active,
                    long version,
                    @JsonIgnore @KeptInStore SecretRef token, @JsonIgnore @KeptInStore String tokenHash)
        implements HasVersion {

    public Agent {
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        toolPermissions = toolPermissions == null ? List.of() : List.copyOf(toolPermissions);
    }

    /** A newly registered agent: active, with no model yet. */
    public static Agent registered(String id, String name, String displayName, String role, String gatewayUrl,
                                   SecretRef token, String tokenHash, long version) {
        return new Agent(id, name, displayName, role, gatewayUrl, null, null, List.of(), null, List.of(), false,
                true, version, token, tokenHash);
    }

    public Agent withProfile(String displayName, String role, String gatewayUrl) {
        return new Agent(id, name, displayName, role, gatewayUrl, providerId, primaryModel, fallbacks, personality,
                toolPermissions, canary, active, version, token, tokenHash);
    }

    public Agent withModel(String providerId, String primaryModel, List<ModelRef> fallbacks) {
        return new Agent(id, name, displayName, role, gatewayUrl, providerId, primaryModel, fallbacks, personality,
                toolPermissions, canary, active, version, token, tokenHash);
    }

    public Agent withPersonality(String personality) {
        return new Agent(id, name, displayName, role, gatewayUrl, providerId, primaryModel, fallbacks, personality,
                toolPermissions, canary, active, version, token, tokenHash);
    }

    public Agent withToolPermissions(List<String> toolPermissions) {
        return new Agent(id, name, displayName, role, gatewayUrl, providerId, primaryModel, fallbacks, personality,
                toolPermissions, canary, active, version, token, tokenHash);
    }

    public Agent withToken(SecretRef token, String tokenHash) {
        return new Agent(id, name, displayName, role, gatewayUrl, providerId, primaryModel, fallbacks, personality,
                toolPermissions, canary, active, version, token, tokenHash);
    }

    public Agent withCanary(boolean canary) {
        return new Agent(id, name, displayName, role, gatewayUrl, providerId, primaryModel, fallbacks, personality,
                toolPermissions, canary, active, version, token, tokenHash);
    }

    public Agent withActive(boolean active) {
        return new Agent(id, name, displayName, role, gatewayUrl, providerId, primaryModel, fallbacks, personality,
                toolPermissions, canary, active, version, token, tokenHash);
    }

    public Agent withVersion(long version) {
        return new Agent(id, name, displayName, role, gatewayUrl, providerId, primaryModel, fallbacks, personality,
                toolPermissions, canary, active, version, token, tokenHash);
    }

    /** Whether its primary model or a fallback comes from this provider. */
    public boolean uses(String providerId) {
        return providerId.equals(this.providerId) || fallbacks.stream().anyMatch(f -> providerId.equals(f.providerId()));
    }

    /** The providers it uses, primary first (empty while it has no model). */
    public List<String> providerIds() {
        if (providerId == null) {
            return List.of();
        }
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        ids.add(providerId);
        fallbacks.forEach(f -> ids.add(f.providerId()));
        return List.copyOf(ids);
    }

    @Override
    public String toString() {
        return "Agent[" + name + " v" + version + "]";
    }
}
