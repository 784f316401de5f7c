package dev.mosaic.server.rollout;

import dev.mosaic.events.rollout.RolloutAgent;
import dev.mosaic.events.rollout.RolloutWavePlan;
import dev.mosaic.query.api.Rollouts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Splits the agents a change moves into waves: canaries first, then by name; wave {@code i} reaches the first
 * {@code ceil(n * percent_i / 100)} agents (at least one more than the wave before), so every wave holds at least
 * one agent and each agent is in exactly one (10 agents and [10, 50, 100] give 1, 4 and 5). Waves left empty
 * because there are few agents are dropped.
 */
final class WavePlanner {
    private WavePlanner() {
    }

    static List<RolloutWavePlan> plan(List<Rollouts.HeldAgent> agents, Set<String> canaryIds, List<Integer> percents) {
        List<Rollouts.HeldAgent> ordered = new ArrayList<>(agents);
        ordered.sort(Comparator.comparing((Rollouts.HeldAgent a) -> !canaryIds.contains(a.agentId()))
                .thenComparing(Rollouts.HeldAgent::name));
        int n = ordered.size();
        List<RolloutWavePlan> waves = new ArrayList<>();
        int reached = 0;
        for (int percent : percents) {
            if (reached >= n) {
                break;
            }
            int cumulative = Math.min(n, Math.max((int) Math.ceil(n * percent / 100.0), reached + 1));
            if (percent == percents.get(percents.size() - 1)) {
                cumulative = n;
            }
            List<RolloutAgent> wave = ordered.subList(reached, cumulative).stream()
                    .map(a -> new RolloutAgent(a.agentId(), a.name(), a.fromVersion(), a.toVersion())).toList();
            waves.add(new RolloutWavePlan(percent, wave));
            reached = cumulative;
        }
        return waves;
    }
}
