package dev.mosaic.events.rollout;

import org.axonframework.serialization.Revision;

/** The agents of a wave are served the new version from now on. */
@Revision("1")
public record RolloutWaveStarted(String rolloutId, int wave) implements RolloutEvent {
}
