package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import dev.mosaic.events.agent.ModelRef;

import java.util.List;

/**
 * A partial update: null fields stay as they are; an empty personality clears it. A new provider without a
 * primary model is refused (the old model id would be meaningless there).
 */
public record UpdateAgent(@TargetAggregateIdentifier String agentId, @TargetAggregateVersion Long expectedVersion,
                          String displayName, String role, String gatewayUrl, String providerId, String primaryModel,
                          List<ModelRef> fallbacks,
                          String personality, List<String> toolPermissions, Boolean active, Boolean canary) {
    public UpdateAgent(String agentId, Long expectedVersion, String displayName, String role, String gatewayUrl,
                       String providerId, String primaryModel, List<ModelRef> fallbacks, String personality,
                       List<String> toolPermissions, Boolean active) {
        this(agentId, expectedVersion, displayName, role, gatewayUrl, providerId, primaryModel, fallbacks,
                personality, toolPermissions, active, null);
    }
}
