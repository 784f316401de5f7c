package dev.mosaic.command.breakglass;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReactivateBreakglassUser(@TargetAggregateIdentifier String userId) {
}
