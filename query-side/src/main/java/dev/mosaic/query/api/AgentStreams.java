package dev.mosaic.query.api;

import java.util.Collection;

/** The agents' open change streams on this node (for metrics and the gateways' health probes). */
public interface AgentStreams {
    /** Open streams, all agents together. */
    int subscriberCount();

    /** Whether the agent has at least one open stream on this node. */
    boolean connected(String agentName);

    /** Names of the agents with at least one open stream. */
    Collection<String> connectedAgents();

    /** Change events written to agents' streams since start (not the first event of each connection). */
    long notificationsSent();
}
