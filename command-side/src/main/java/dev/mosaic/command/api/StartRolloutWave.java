package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Serves a wave's agents the new version. */
public record StartRolloutWave(@TargetAggregateIdentifier String rolloutId, int wave) {
}
