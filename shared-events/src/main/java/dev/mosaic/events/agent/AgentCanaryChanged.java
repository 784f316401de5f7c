package dev.mosaic.events.agent;

import org.axonframework.serialization.Revision;

/** A canary agent is in the first wave of every rollout. */
@Revision("1")
public record AgentCanaryChanged(String agentId, boolean canary) implements AgentEvent {
}
