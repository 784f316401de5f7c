package dev.mosaic.query.agentconfig;

import dev.mosaic.query.api.Rollouts;
import dev.mosaic.query.api.AgentConfig;
import dev.mosaic.query.api.AgentConfigs;
import dev.mosaic.query.api.FleetHealth;
import org.springframework.http.HttpStatus;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;

/** The drift view: the version Mosaic serves an agent against the version the agent says it runs. */
@RestController
class AgentStatusController {
    private final AgentConfigStore store;
    private final ConfigChangeStream stream;
    private final Rollouts rollouts;
    private final FleetHealth health;

    AgentStatusController(AgentConfigStore store, ConfigChangeStream stream, Rollouts rollouts, FleetHealth health) {
        this.store = store;
        this.stream = stream;
        this.rollouts = rollouts;
        this.health = health;
    }

    /**
     * {@code currentVersion} is the version the agent is served; {@code targetVersion} the newest rendered (they
     * differ while a rollout holds the agent back); {@code rollout} the running rollout it is part of.
     */
    record AgentStatus(String name, long currentVersion, Long appliedVersion, @Nullable Instant lastSeenAt, boolean connected,
                       boolean inSync, long targetVersion, @Nullable RolloutRef rollout, FleetHealth.AgentHealth health) {
    }

    /** The running rollout an agent is in, and its wave (1 = the first). */
    record RolloutRef(String id, int wave) {
    }

    @GetMapping("/api/agents/{name}/status")
    AgentStatus status(@PathVariable String name) {
        AgentConfig config = store.byName(name)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no agent " + name));
        AgentConfigs.Applied applied = store.applied(name);
        return new AgentStatus(name, config.version(), applied.version(), applied.lastSeenAt(),
                stream.connected(name), applied.version() != null && applied.version() == config.version(),
                rollouts.targetVersion(config.agentId()).orElse(config.version()), rolloutOf(config.agentId()),
                health.of(name));
    }

    private RolloutRef rolloutOf(String agentId) {
        return rollouts.active().flatMap(rollout -> {
            for (int wave = 0; wave < rollout.waves().size(); wave++) {
                if (rollout.waves().get(wave).agents().stream().anyMatch(a -> a.agentId().equals(agentId))) {
                    return java.util.Optional.of(new RolloutRef(rollout.id(), wave + 1));
                }
            }
            return java.util.Optional.empty();
        }).orElse(null);
    }
}
