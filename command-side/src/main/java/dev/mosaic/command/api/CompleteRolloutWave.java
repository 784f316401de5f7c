package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A wave baked without failures (the last one completes the rollout). */
public record CompleteRolloutWave(@TargetAggregateIdentifier String rolloutId, int wave) {
}
