package dev.mosaic.events.agent;

import org.axonframework.serialization.Revision;

import java.util.List;

@Revision("1")
public record AgentModelAssigned(String agentId, String providerId, String primaryModel, List<ModelRef> fallbacks)
        implements AgentEvent {
}
