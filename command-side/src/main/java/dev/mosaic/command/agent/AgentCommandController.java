package dev.mosaic.command.agent;

import dev.mosaic.command.api.UpdateAgent;
import dev.mosaic.command.api.RotateAgentToken;
import dev.mosaic.command.api.RemoveAgent;
import dev.mosaic.command.api.AssignAgentModel;
import dev.mosaic.command.common.CommandResults;
import dev.mosaic.command.common.IfMatch;
import dev.mosaic.events.agent.AgentTokens;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@RequestMapping("/api/agents")
class AgentCommandController {
    private final CommandGateway commands;
    private final AgentCommands agents;
    private final CommandResults results;

    AgentCommandController(CommandGateway commands, AgentCommands agents, CommandResults results) {
        this.commands = commands;
        this.agents = agents;
        this.results = results;
    }

    @PostMapping
    ResponseEntity<AgentToken> register(@RequestBody AgentRequest body) {
        AgentCommands.Registration registration = agents.register(body);
        return results.created(URI.create("/api/agents/" + body.name()), results.versionOf(registration.agentId()),
                version -> new AgentToken(body.name(), registration.token(), version));
    }

    @PatchMapping("/{name}")
    ResponseEntity<AgentVersion> update(@PathVariable String name, @RequestBody AgentPatch body,
                                        @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Object version = commands.sendAndWait(new UpdateAgent(agents.idOf(name), IfMatch.expectedVersion(ifMatch),
                body.displayName(), body.role(), body.gatewayUrl(), body.providerId(), body.primaryModel(),
                body.fallbacks(), body.personality(),
                body.toolPermissions(), body.active(), body.canary()));
        return results.updated(version, v -> new AgentVersion(name, v));
    }

    @PutMapping("/{name}/model")
    ResponseEntity<AgentVersion> assignModel(@PathVariable String name, @RequestBody ModelRequest body,
                                             @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Object version = commands.sendAndWait(new AssignAgentModel(agents.idOf(name), IfMatch.expectedVersion(ifMatch),
                body.toAssignment()));
        return results.updated(version, v -> new AgentVersion(name, v));
    }

    @PostMapping("/{name}/token")
    ResponseEntity<AgentToken> rotateToken(@PathVariable String name) {
        String token = AgentTokens.generate();
        Object version = commands.sendAndWait(new RotateAgentToken(agents.idOf(name), token));
        return results.updated(version, v -> new AgentToken(name, token, v));
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> remove(@PathVariable String name,
                                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        commands.sendAndWait(new RemoveAgent(agents.idOf(name), IfMatch.expectedVersion(ifMatch)));
        return ResponseEntity.noContent().build();
    }
}
