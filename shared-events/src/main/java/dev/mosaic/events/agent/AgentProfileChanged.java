package dev.mosaic.events.agent;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AgentProfileChanged(String agentId, String displayName, String role, String gatewayUrl)
        implements AgentEvent {
}
