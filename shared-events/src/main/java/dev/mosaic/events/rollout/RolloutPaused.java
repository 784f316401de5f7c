package dev.mosaic.events.rollout;

import org.axonframework.serialization.Revision;

/** No further wave starts until the rollout is resumed. */
@Revision("1")
public record RolloutPaused(String rolloutId) implements RolloutEvent {
}
