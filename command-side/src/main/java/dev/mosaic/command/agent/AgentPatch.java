package dev.mosaic.command.agent;

import dev.mosaic.events.agent.ModelRef;

import java.util.List;

/** The body of {@code PATCH /api/agents/{name}}: only the fields present change. */
record AgentPatch(String displayName, String role, String gatewayUrl, String providerId, String primaryModel,
                         List<ModelRef> fallbacks, String personality, List<String> toolPermissions,
                         Boolean active, Boolean canary) {
}
