package dev.mosaic.events.agent;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AgentRemoved(String agentId, String name) implements AgentEvent {
}
