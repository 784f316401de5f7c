package dev.mosaic.events.rollout;

import java.util.List;

/** One wave: the cumulative percentage it reaches and the agents it serves. */
public record RolloutWavePlan(int percent, List<RolloutAgent> agents) {
}
