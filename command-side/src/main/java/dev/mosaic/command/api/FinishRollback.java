package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The revert of a failed or aborted rollout is stored. */
public record FinishRollback(@TargetAggregateIdentifier String rolloutId, Long revertSeq) {
}
