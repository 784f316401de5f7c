package dev.mosaic.events.rollout;

import org.axonframework.serialization.Revision;

/** The revert of the change is stored and served to every agent that had it (its last event: {@code revertSeq}, null when nothing was left to revert). */
@Revision("1")
public record RolloutRolledBack(String rolloutId, Long revertSeq) implements RolloutEvent {
}
