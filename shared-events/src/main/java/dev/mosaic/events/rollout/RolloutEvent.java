package dev.mosaic.events.rollout;

/** Every event of one staged rollout; {@code rolloutId} is the aggregate identifier. */
public sealed interface RolloutEvent permits RolloutStarted, RolloutWaveStarted, RolloutAgentChecked,
        RolloutWaveBaking, RolloutWaveSucceeded, RolloutPaused, RolloutResumed, RolloutPromoted, RolloutFailed,
        RolloutRolledBack, RolloutSucceeded {
    String rolloutId();
}
