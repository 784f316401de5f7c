package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeactivateBreakglassUser(@TargetAggregateIdentifier String userId) {
}
