package dev.mosaic.command.api;

import dev.mosaic.events.installation.InstallationEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

/** Replaces the rollout policy (see {@code RolloutPolicyRules} for what is accepted). */
public record SetRolloutPolicy(@TargetAggregateIdentifier String installationId,
                               @TargetAggregateVersion Long expectedVersion, boolean enabled, List<Integer> waves,
                               int bakeSeconds, int applyTimeoutSeconds, String verify, int maxFailedAgents) {
    public SetRolloutPolicy(Long expectedVersion, boolean enabled, List<Integer> waves, int bakeSeconds,
                            int applyTimeoutSeconds, String verify, int maxFailedAgents) {
        this(InstallationEvent.ID, expectedVersion, enabled, waves, bakeSeconds, applyTimeoutSeconds, verify,
                maxFailedAgents);
    }
}
