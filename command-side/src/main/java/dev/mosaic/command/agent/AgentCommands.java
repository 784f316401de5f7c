package dev.mosaic.command.agent;

import dev.mosaic.command.api.RegisterAgent;
import dev.mosaic.command.api.UnknownEntityException;
import dev.mosaic.command.naming.NameKind;
import dev.mosaic.command.naming.NameRegistry;
import dev.mosaic.events.agent.AgentTokens;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** Registers agents and finds them by name; shared by the settings API and the onboarding wizard. */
@Component
public class AgentCommands {
    private final CommandGateway commands;
    private final NameRegistry names;

    AgentCommands(CommandGateway commands, NameRegistry names) {
        this.commands = commands;
        this.names = names;
    }

    /** Returns the agent's id and its token, which is never shown again. */
    public Registration register(AgentRequest body) {
        String agentId = UUID.randomUUID().toString();
        String token = AgentTokens.generate();
        commands.sendAndWait(new RegisterAgent(agentId, body.name(), body.displayName(), body.role(),
                body.gatewayUrl(), token, body.model(), body.personality(), body.toolPermissions(), body.canary()));
        return new Registration(agentId, body.name(), token);
    }

    public String idOf(String name) {
        return names.ownerOf(NameKind.AGENT, name).orElseThrow(() -> new UnknownEntityException("agent", name));
    }

    public record Registration(String agentId, String name, String token) {
        @Override
        public String toString() {
            return "Registration[" + name + "]";
        }
    }
}
