package dev.mosaic.events.rollout;

import org.axonframework.serialization.Revision;

/** What was last found about one agent of a wave: {@code applied}, {@code healthy} or {@code failed} (with the reason). */
@Revision("1")
public record RolloutAgentChecked(String rolloutId, int wave, String agentId, String state, String reason) implements RolloutEvent {
}
