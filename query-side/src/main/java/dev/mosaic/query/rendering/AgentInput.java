package dev.mosaic.query.rendering;

import dev.mosaic.events.agent.ModelRef;

import java.util.List;

/** What one agent's config is rendered from, its token already decrypted. */
public record AgentInput(String agentId, String name, String gatewayUrl, String token, String providerId,
                         String primaryModel, List<ModelRef> fallbacks, List<String> toolPermissions,
                         String personality) {
    @Override
    public String toString() {
        return "AgentInput[" + name + "]";
    }
}
