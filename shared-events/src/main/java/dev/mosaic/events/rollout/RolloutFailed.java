package dev.mosaic.events.rollout;

import org.axonframework.serialization.Revision;

/** The change is being rolled back: a wave failed (the agent and why, {@code agent} null for a refused provider key) or an admin aborted it. */
@Revision("1")
public record RolloutFailed(String rolloutId, String agent, String reason, boolean aborted) implements RolloutEvent {
}
