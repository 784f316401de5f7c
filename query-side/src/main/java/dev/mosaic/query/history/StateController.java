package dev.mosaic.query.history;

import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.FleetState;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The whole configuration, or one agent's rendered config, as it was right after an event. */
@RestController
class StateController {
    private final FleetTimeline history;
    private final Positions positions;
    private final MaskedConfig configs;
    private final ConfigVersions versions;

    StateController(FleetTimeline history, Positions positions, MaskedConfig configs, ConfigVersions versions) {
        this.history = history;
        this.positions = positions;
        this.configs = configs;
        this.versions = versions;
    }

    @GetMapping("/api/state")
    StateViews.FleetAt state(@RequestParam(required = false) String seq, @RequestParam(required = false) String at) {
        return StateViews.whole(history.fold(positions.resolve(seq, at)));
    }

    @GetMapping("/api/agents/{name}/config/at")
    StateViews.AgentConfigAt configAt(@PathVariable String name, @RequestParam(required = false) String seq,
                                      @RequestParam(required = false) String at) {
        FleetState state = history.fold(positions.resolve(seq, at));
        Agent agent = state.agentNamed(name).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "no agent " + name + " at #" + state.seq()));
        return new StateViews.AgentConfigAt(state.seq(), versions.versionAt(agent.id(), state.seq()).orElse(null),
                configs.masked(state, agent), agent.personality());
    }
}
