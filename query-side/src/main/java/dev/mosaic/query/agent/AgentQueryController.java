package dev.mosaic.query.agent;

import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.Items;
import dev.mosaic.query.common.Versioned;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/agents")
class AgentQueryController {
    private final AgentsProjection agents;

    AgentQueryController(AgentsProjection agents) {
        this.agents = agents;
    }

    @GetMapping
    Items<Agent> list() {
        return Items.of(agents.all());
    }

    @GetMapping("/{name}")
    ResponseEntity<Agent> one(@PathVariable String name) {
        return Versioned.ok(agents.byName(name), "agent " + name);
    }
}
