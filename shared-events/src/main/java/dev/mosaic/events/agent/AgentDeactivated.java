package dev.mosaic.events.agent;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AgentDeactivated(String agentId) implements AgentEvent {
}
