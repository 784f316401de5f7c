package dev.mosaic.events.rollout;

/** An agent a rollout moves from the version it is served to the one the change rendered. */
public record RolloutAgent(String agentId, String name, long fromVersion, long toVersion) {
}
