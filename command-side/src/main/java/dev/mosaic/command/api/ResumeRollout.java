package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin lets the waves go on. */
public record ResumeRollout(@TargetAggregateIdentifier String rolloutId) {
}
