package dev.mosaic.query.agent;

import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.query.common.Versioned;

import java.util.List;

/** An agent as settings readers see it; its token never appears here. */
public record AgentView(String id, String name, String displayName, String role, String gatewayUrl,
                        String providerId, String primaryModel, List<ModelRef> fallbacks, String personality,
                        List<String> toolPermissions, boolean active, long version) implements Versioned.HasVersion {
}
