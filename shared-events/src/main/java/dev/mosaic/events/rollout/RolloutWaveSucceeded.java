package dev.mosaic.events.rollout;

import org.axonframework.serialization.Revision;

/** A wave baked without failures. */
@Revision("1")
public record RolloutWaveSucceeded(String rolloutId, int wave) implements RolloutEvent {
}
