package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin holds the next waves back. */
public record PauseRollout(@TargetAggregateIdentifier String rolloutId) {
}
