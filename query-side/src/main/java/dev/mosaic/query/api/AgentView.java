package dev.mosaic.query.api;

import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.query.api.HasVersion;
import org.springframework.lang.Nullable;

import java.util.List;

/** An agent as settings readers see it; its token never appears here. */
public record AgentView(String id, String name, String displayName, @Nullable String role, String gatewayUrl,
                        @Nullable String providerId, @Nullable String primaryModel, List<ModelRef> fallbacks, @Nullable String personality,
                        List<String> toolPermissions, boolean active, long version) implements HasVersion {
}
