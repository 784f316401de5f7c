package dev.mosaic.events.rollout;

import org.axonframework.serialization.Revision;

/** Every remaining agent is served now (still verified). */
@Revision("1")
public record RolloutPromoted(String rolloutId) implements RolloutEvent {
}
