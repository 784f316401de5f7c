package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Every agent of the wave is verified: it starts baking. */
public record BakeRolloutWave(@TargetAggregateIdentifier String rolloutId, int wave) {
}
