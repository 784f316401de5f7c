package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin serves every remaining agent now (still verified). */
public record PromoteRollout(@TargetAggregateIdentifier String rolloutId) {
}
