package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Rolls the change back: a wave failed ({@code agent} and why) or an admin aborted it. */
public record FailRollout(@TargetAggregateIdentifier String rolloutId, String agent, String reason, boolean aborted) {
}
