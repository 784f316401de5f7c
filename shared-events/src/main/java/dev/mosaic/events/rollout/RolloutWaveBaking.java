package dev.mosaic.events.rollout;

import org.axonframework.serialization.Revision;

/** Every agent of the wave is verified: it bakes, re-probed, before the next one starts. */
@Revision("1")
public record RolloutWaveBaking(String rolloutId, int wave) implements RolloutEvent {
}
