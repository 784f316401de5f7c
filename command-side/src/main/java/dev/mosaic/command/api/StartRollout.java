package dev.mosaic.command.api;

import dev.mosaic.events.rollout.RolloutWavePlan;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Starts rolling out a change that moved agents' versions, in the waves given. */
public record StartRollout(@TargetAggregateIdentifier String rolloutId, long causeSeq, String causeSummary, String causeActorName, long firstSeq, String verify, int bakeSeconds, int applyTimeoutSeconds, int maxFailedAgents, List<RolloutWavePlan> waves) {
}
