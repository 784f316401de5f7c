package dev.mosaic.events.agent;

/** Every event of one agent; {@code agentId} is the aggregate identifier (the name is unique but may be reused after removal). */
public sealed interface AgentEvent permits AgentRegistered, AgentProfileChanged, AgentModelAssigned,
        AgentPersonalityChanged, AgentToolPermissionsChanged, AgentTokenRotated, AgentDeactivated, AgentActivated,
        AgentRemoved, AgentCanaryChanged {
    String agentId();
}
