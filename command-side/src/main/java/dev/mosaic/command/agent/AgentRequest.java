package dev.mosaic.command.agent;

import dev.mosaic.command.api.ModelAssignment;
import dev.mosaic.events.agent.ModelRef;

import java.util.List;

/** The body of {@code POST /api/agents} (and each item of the onboarding agents step). */
public record AgentRequest(String name, String displayName, String role, String gatewayUrl, String providerId,
                           String primaryModel, List<ModelRef> fallbacks, String personality,
                           List<String> toolPermissions, Boolean canary) {
    ModelAssignment model() {
        boolean any = providerId != null || primaryModel != null || (fallbacks != null && !fallbacks.isEmpty());
        return any ? new ModelAssignment(providerId, primaryModel, fallbacks) : null;
    }
}
