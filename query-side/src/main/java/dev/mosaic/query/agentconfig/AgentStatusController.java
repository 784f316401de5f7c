package dev.mosaic.query.agentconfig;

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
    private final FleetHealth health;

    AgentStatusController(AgentConfigStore store, ConfigChangeStream stream, FleetHealth health) {
        this.store = store;
        this.stream = stream;
        this.health = health;
    }

    record AgentStatus(String name, long currentVersion, Long appliedVersion, @Nullable Instant lastSeenAt, boolean connected,
                       boolean inSync, FleetHealth.AgentHealth health) {
    }

    @GetMapping("/api/agents/{name}/status")
    AgentStatus status(@PathVariable String name) {
        AgentConfig config = store.byName(name)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no agent " + name));
        AgentConfigs.Applied applied = store.applied(name);
        return new AgentStatus(name, config.version(), applied.version(), applied.lastSeenAt(),
                stream.connected(name), applied.version() != null && applied.version() == config.version(),
                health.of(name));
    }
}
