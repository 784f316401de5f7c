package dev.mosaic.events.agent;

import org.axonframework.serialization.Revision;

/** The agent's SOUL.md; null when cleared. */
@Revision("1")
public record AgentPersonalityChanged(String agentId, String personality) implements AgentEvent {
}
