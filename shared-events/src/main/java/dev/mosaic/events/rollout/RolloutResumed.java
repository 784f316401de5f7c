package dev.mosaic.events.rollout;

import org.axonframework.serialization.Revision;

/** Waves start again. */
@Revision("1")
public record RolloutResumed(String rolloutId) implements RolloutEvent {
}
