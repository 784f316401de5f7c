package dev.mosaic.query.api;

import java.util.Collection;

/** The agents' open change streams on this node (for metrics). */
public interface AgentStreams {
    /** Open streams, all agents together. */
    int subscriberCount();

    /** Names of the agents with at least one open stream. */
    Collection<String> connectedAgents();

    /** Change events written to agents' streams since start (not the first event of each connection). */
    long notificationsSent();
}
