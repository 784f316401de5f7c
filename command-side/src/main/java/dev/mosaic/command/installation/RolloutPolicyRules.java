package dev.mosaic.command.installation;

import dev.mosaic.command.api.SetRolloutPolicy;
import dev.mosaic.command.api.Violations;

import java.util.List;
import java.util.Set;

/** What a rollout policy must be: waves cumulative and strictly increasing up to 100, bounded times. */
final class RolloutPolicyRules {
    static final Set<String> VERIFY = Set.of("applied", "ready", "chat");
    static final int MAX_WAVES = 10;

    private RolloutPolicyRules() {
    }

    static void check(SetRolloutPolicy policy) {
        Violations v = new Violations();
        List<Integer> waves = policy.waves();
        if (waves == null || waves.isEmpty()) {
            v.add("waves", "needs at least one wave, the last 100");
        } else {
            v.check(waves.size() <= MAX_WAVES, "waves", "has at most " + MAX_WAVES + " waves");
            for (int i = 0; i < waves.size(); i++) {
                Integer wave = waves.get(i);
                if (wave == null || wave < 1 || wave > 100) {
                    v.add("waves[" + i + "]", "must be a percentage from 1 to 100");
                } else if (i > 0 && waves.get(i - 1) != null && wave <= waves.get(i - 1)) {
                    v.add("waves[" + i + "]", "must be more than the wave before (waves are cumulative)");
                }
            }
            v.check(Integer.valueOf(100).equals(waves.get(waves.size() - 1)), "waves", "must end with 100");
        }
        v.check(policy.bakeSeconds() >= 0 && policy.bakeSeconds() <= 86_400, "bakeSeconds",
                "must be from 0 to 86400");
        v.check(policy.applyTimeoutSeconds() >= 1 && policy.applyTimeoutSeconds() <= 3_600, "applyTimeoutSeconds",
                "must be from 1 to 3600");
        v.check(policy.verify() != null && VERIFY.contains(policy.verify()), "verify",
                "must be applied, ready or chat");
        v.check(policy.maxFailedAgents() >= 0 && policy.maxFailedAgents() <= 10_000, "maxFailedAgents",
                "must be from 0 to 10000");
        v.throwIfAny();
    }
}
