package dev.mosaic.events.rollout;

import org.axonframework.serialization.Revision;

/** Every wave succeeded: the change reached every agent it moves. */
@Revision("1")
public record RolloutSucceeded(String rolloutId) implements RolloutEvent {
}
