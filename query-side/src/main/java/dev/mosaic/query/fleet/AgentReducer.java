package dev.mosaic.query.fleet;

import dev.mosaic.events.agent.AgentActivated;
import dev.mosaic.events.agent.AgentCanaryChanged;
import dev.mosaic.events.agent.AgentDeactivated;
import dev.mosaic.events.agent.AgentEvent;
import dev.mosaic.events.agent.AgentModelAssigned;
import dev.mosaic.events.agent.AgentPersonalityChanged;
import dev.mosaic.events.agent.AgentProfileChanged;
import dev.mosaic.events.agent.AgentRegistered;
import dev.mosaic.events.agent.AgentRemoved;
import dev.mosaic.events.agent.AgentTokenRotated;
import dev.mosaic.events.agent.AgentToolPermissionsChanged;
import dev.mosaic.query.api.Agent;
import org.springframework.lang.Nullable;

/**
 * What each agent event means: the one place that decides it. {@code version} is the event's sequence number
 * in its aggregate (the agent's version, its ETag).
 */
public final class AgentReducer {
    private AgentReducer() {
    }

    /** The agent after {@code event}; null when it does not exist (before registration, after removal). */
    @Nullable
    public static Agent apply(@Nullable Agent agent, AgentEvent event, long version) {
        if (event instanceof AgentRegistered e) {
            return Agent.registered(e.agentId(), e.name(), e.displayName(), e.role(), e.gatewayUrl(), e.token(),
                    e.tokenHash(), version);
        }
        if (agent == null || event instanceof AgentRemoved) {
            return null;
        }
        Agent next = agent;
        if (event instanceof AgentProfileChanged e) {
            next = agent.withProfile(e.displayName(), e.role(), e.gatewayUrl());
        } else if (event instanceof AgentModelAssigned e) {
            next = agent.withModel(e.providerId(), e.primaryModel(), e.fallbacks());
        } else if (event instanceof AgentPersonalityChanged e) {
            next = agent.withPersonality(e.personality());
        } else if (event instanceof AgentToolPermissionsChanged e) {
            next = agent.withToolPermissions(e.toolPermissions());
        } else if (event instanceof AgentTokenRotated e) {
            next = agent.withToken(e.token(), e.tokenHash());
        } else if (event instanceof AgentCanaryChanged e) {
            next = agent.withCanary(e.canary());
        } else if (event instanceof AgentDeactivated) {
            next = agent.withActive(false);
        } else if (event instanceof AgentActivated) {
            next = agent.withActive(true);
        }
        return next.withVersion(version);
    }
}
