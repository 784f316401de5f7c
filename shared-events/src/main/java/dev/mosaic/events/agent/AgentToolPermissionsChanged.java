package dev.mosaic.events.agent;

import org.axonframework.serialization.Revision;

import java.util.List;

@Revision("1")
public record AgentToolPermissionsChanged(String agentId, List<String> toolPermissions) implements AgentEvent {
}
