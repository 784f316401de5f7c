package dev.mosaic.events.rollout;

import org.axonframework.serialization.Revision;

/** A change that moves agents' versions starts rolling out: its waves, how each is verified, and the events (from {@code firstSeq} to {@code causeSeq}) it covers. */
@Revision("1")
public record RolloutStarted(String rolloutId, long causeSeq, String causeSummary, String causeActorName, long firstSeq, String verify, int bakeSeconds, int applyTimeoutSeconds, int maxFailedAgents, java.util.List<RolloutWavePlan> waves) implements RolloutEvent {
}
