package dev.mosaic.command.onboarding;

import dev.mosaic.command.api.WrongSetupCodeException;
import dev.mosaic.command.agent.AgentCommands;
import dev.mosaic.command.agent.AgentRequest;
import dev.mosaic.command.api.CreateBreakglassUser;
import dev.mosaic.command.api.OnboardingClosedException;
import dev.mosaic.command.common.CommandResults;
import dev.mosaic.command.api.InvalidCommandException;
import dev.mosaic.command.api.BreakglassDirectory;
import dev.mosaic.command.provider.NewProvider;
import dev.mosaic.command.provider.ProviderCommands;
import dev.mosaic.command.provider.ProviderRequest;
import dev.mosaic.events.signin.SessionSignIn;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The write steps of the first-boot wizard. */
@RestController
@RequestMapping("/api/onboarding")
class OnboardingCommandController {
    private final CommandGateway commands;
    private final HashedSetupCodes setupCodes;
    private final BreakglassDirectory directory;
    private final SessionSignIn signIn;
    private final ProviderCommands providers;
    private final AgentCommands agents;
    private final CommandResults results;

    OnboardingCommandController(CommandGateway commands, HashedSetupCodes setupCodes, BreakglassDirectory directory,
                                SessionSignIn signIn, ProviderCommands providers, AgentCommands agents,
                                CommandResults results) {
        this.commands = commands;
        this.setupCodes = setupCodes;
        this.directory = directory;
        this.signIn = signIn;
        this.providers = providers;
        this.agents = agents;
        this.results = results;
    }

    @PostMapping("/breakglass")
    ResponseEntity<NewBreakglassUser> createBreakglass(@RequestBody BreakglassSetupRequest body) {
        if (directory.anyUser()) {
            throw new OnboardingClosedException();
        }
        if (!setupCodes.matches(body.setupCode())) {
            throw new WrongSetupCodeException();
        }
        String userId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateBreakglassUser(userId, body.username(), body.password(), true));
        setupCodes.invalidate();
        signIn.signInBreakglass(body.username());
        return ResponseEntity.status(HttpStatus.CREATED).body(new NewBreakglassUser(body.username()));
    }

    @PostMapping("/provider")
    ResponseEntity<NewProvider> addProvider(@RequestBody ProviderRequest body) {
        String id = providers.register(body);
        return results.created(URI.create("/api/providers/" + id), results.versionOf(id),
                version -> new NewProvider(id, body.name(), version));
    }

    /** Registers each agent in turn; the tokens in the answer are shown once. */
    @PostMapping("/agents")
    ResponseEntity<IssuedTokens> addAgents(@RequestBody OnboardingAgentsRequest body) {
        if (body.agents() == null || body.agents().isEmpty()) {
            throw InvalidCommandException.of("agents", "must list at least one agent");
        }
        List<IssuedTokens.IssuedToken> created = new ArrayList<>();
        for (int i = 0; i < body.agents().size(); i++) {
            AgentCommands.Registration registration;
            if (body.agents().get(i) == null) {
                throw InvalidCommandException.of("agents[" + i + "]", "must be an agent, not null");
            }
            try {
                registration = agents.register(body.agents().get(i));
            } catch (InvalidCommandException e) {
                throw e.under("agents[" + i + "]");
            }
            created.add(new IssuedTokens.IssuedToken(registration.name(), registration.token()));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(new IssuedTokens(created));
    }
}
