package dev.mosaic.command.breakglass;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeactivateBreakglassUser(@TargetAggregateIdentifier String userId) {
}
