package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Records what was found about agents of a wave (applied, healthy or failed, with the reason), all at once: a
 * finding already recorded is not recorded again.
 */
public record RecordRolloutChecks(@TargetAggregateIdentifier String rolloutId, int wave, List<AgentCheck> checks) {
    public record AgentCheck(String agentId, String state, String reason) {
    }
}
