package dev.mosaic.command.agent;

import dev.mosaic.command.api.ModelAssignment;
import dev.mosaic.command.api.UpdateAgent;
import dev.mosaic.command.api.RotateAgentToken;
import dev.mosaic.command.api.RemoveAgent;
import dev.mosaic.command.api.RegisterAgent;
import dev.mosaic.command.api.AssignAgentModel;
import dev.mosaic.command.api.NameTakenException;
import dev.mosaic.command.api.Violations;
import dev.mosaic.command.lookup.ProviderCatalog;
import dev.mosaic.command.naming.NameKind;
import dev.mosaic.command.naming.NameRegistry;
import dev.mosaic.events.agent.AgentActivated;
import dev.mosaic.events.agent.AgentCanaryChanged;
import dev.mosaic.events.agent.AgentDeactivated;
import dev.mosaic.events.agent.AgentModelAssigned;
import dev.mosaic.events.agent.AgentPersonalityChanged;
import dev.mosaic.events.agent.AgentProfileChanged;
import dev.mosaic.events.agent.AgentRegistered;
import dev.mosaic.events.agent.AgentRemoved;
import dev.mosaic.events.agent.AgentTokenRotated;
import dev.mosaic.events.agent.AgentToolPermissionsChanged;
import dev.mosaic.events.agent.AgentTokens;
import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;
import java.util.Objects;

import static dev.mosaic.command.agent.AgentRules.emptyToNull;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/** One agent's configuration: profile, model assignment, personality, tool permissions and token. */
@Aggregate
class Agent {
    @AggregateIdentifier
    private String agentId;
    private String name;
    private String displayName;
    private String role;
    private String gatewayUrl;
    private ModelAssignment model;
    private String personality;
    private List<String> toolPermissions = List.of();
    private boolean active;
    private boolean canary;

    protected Agent() {
    }

    @CommandHandler
    public Agent(RegisterAgent command, NameRegistry names, ProviderCatalog catalog, SecretCipher cipher) {
        Violations v = new Violations().name("name", command.name());
        AgentRules.checkProfile(v, command.displayName(), command.role(), command.gatewayUrl());
        if (command.model() != null) {
            AgentRules.checkModel(v, command.model(), catalog);
        }
        AgentRules.checkPersonality(v, command.personality());
        AgentRules.checkTools(v, command.toolPermissions());
        v.throwIfAny();
        if (!names.claim(NameKind.AGENT, command.name(), command.agentId())) {
            throw new NameTakenException("name", command.name());
        }
        String id = command.agentId();
        apply(new AgentRegistered(id, command.name(), command.displayName(), emptyToNull(command.role()),
                command.gatewayUrl(), AgentTokens.hash(command.token()),
                cipher.encrypt(command.token(), SecretOwner.agentToken(id))));
        if (command.model() != null) {
            applyModel(id, command.model());
        }
        if (emptyToNull(command.personality()) != null) {
            apply(new AgentPersonalityChanged(id, command.personality()));
        }
        if (command.toolPermissions() != null && !command.toolPermissions().isEmpty()) {
            apply(new AgentToolPermissionsChanged(id, List.copyOf(command.toolPermissions())));
        }
        if (Boolean.TRUE.equals(command.canary())) {
            apply(new AgentCanaryChanged(id, true));
        }
    }

    @CommandHandler
    public Long handle(UpdateAgent command, ProviderCatalog catalog) {
        String newDisplayName = command.displayName() != null ? command.displayName() : displayName;
        String newRole = command.role() != null ? emptyToNull(command.role()) : role;
        String newGatewayUrl = command.gatewayUrl() != null ? command.gatewayUrl() : gatewayUrl;
        ModelAssignment newModel = mergeModel(command);
        Violations v = new Violations();
        AgentRules.checkProfile(v, newDisplayName, newRole, newGatewayUrl);
        if (newModel != null && !newModel.equals(model)) {
            AgentRules.checkModel(v, newModel, catalog);
        }
        AgentRules.checkPersonality(v, command.personality());
        AgentRules.checkTools(v, command.toolPermissions());
        v.throwIfAny();

        if (!Objects.equals(newDisplayName, displayName) || !Objects.equals(newRole, role)
                || !Objects.equals(newGatewayUrl, gatewayUrl)) {
            apply(new AgentProfileChanged(agentId, newDisplayName, newRole, newGatewayUrl));
        }
        if (newModel != null && !newModel.equals(model)) {
            applyModel(agentId, newModel);
        }
        if (command.personality() != null && !Objects.equals(emptyToNull(command.personality()), personality)) {
            apply(new AgentPersonalityChanged(agentId, emptyToNull(command.personality())));
        }
        if (command.toolPermissions() != null && !command.toolPermissions().equals(toolPermissions)) {
            apply(new AgentToolPermissionsChanged(agentId, List.copyOf(command.toolPermissions())));
        }
        if (Boolean.FALSE.equals(command.active()) && active) {
            apply(new AgentDeactivated(agentId));
        } else if (Boolean.TRUE.equals(command.active()) && !active) {
            apply(new AgentActivated(agentId));
        }
        if (command.canary() != null && command.canary() != canary) {
            apply(new AgentCanaryChanged(agentId, command.canary()));
        }
        return getVersion();
    }

    @CommandHandler
    public Long handle(AssignAgentModel command, ProviderCatalog catalog) {
        Violations v = new Violations();
        AgentRules.checkModel(v, command.model(), catalog);
        v.throwIfAny();
        if (!command.model().equals(model)) {
            applyModel(agentId, command.model());
        }
        return getVersion();
    }

    @CommandHandler
    public Long handle(RotateAgentToken command, SecretCipher cipher) {
        apply(new AgentTokenRotated(agentId, AgentTokens.hash(command.token()),
                cipher.encrypt(command.token(), SecretOwner.agentToken(agentId))));
        return getVersion();
    }

    @CommandHandler
    public Long handle(RemoveAgent command, NameRegistry names) {
        names.release(NameKind.AGENT, name);
        apply(new AgentRemoved(agentId, name));
        return getVersion();
    }

    /** Takes the id as a parameter: in the constructor the aggregate's own field is not yet set. */
    private static void applyModel(String agentId, ModelAssignment assignment) {
        apply(new AgentModelAssigned(agentId, assignment.providerId(), assignment.primaryModel(),
                List.copyOf(assignment.fallbacks())));
    }

    /** A partial model change keeps the parts it does not name; null when it names none. */
    private ModelAssignment mergeModel(UpdateAgent command) {
        if (command.providerId() == null && command.primaryModel() == null && command.fallbacks() == null) {
            return null;
        }
        boolean providerChanged = command.providerId() != null
                && (model == null || !command.providerId().equals(model.providerId()));
        String providerId = command.providerId() != null ? command.providerId() : model == null ? null : model.providerId();
        String primary = command.primaryModel() != null ? command.primaryModel()
                : providerChanged || model == null ? null : model.primaryModel();
        List<ModelRef> fallbacks = command.fallbacks() != null ? command.fallbacks()
                : model == null ? List.of() : model.fallbacks();
        return new ModelAssignment(providerId, primary, fallbacks);
    }

    @EventSourcingHandler
    void on(AgentRegistered event) {
        agentId = event.agentId();
        name = event.name();
        displayName = event.displayName();
        role = event.role();
        gatewayUrl = event.gatewayUrl();
        active = true;
    }

    @EventSourcingHandler
    void on(AgentProfileChanged event) {
        displayName = event.displayName();
        role = event.role();
        gatewayUrl = event.gatewayUrl();
    }

    @EventSourcingHandler
    void on(AgentModelAssigned event) {
        model = new ModelAssignment(event.providerId(), event.primaryModel(), event.fallbacks());
    }

    @EventSourcingHandler
    void on(AgentPersonalityChanged event) {
        personality = event.personality();
    }

    @EventSourcingHandler
    void on(AgentToolPermissionsChanged event) {
        toolPermissions = event.toolPermissions();
    }

    @EventSourcingHandler
    void on(AgentDeactivated event) {
        active = false;
    }

    @EventSourcingHandler
    void on(AgentActivated event) {
        active = true;
    }

    @EventSourcingHandler
    void on(AgentCanaryChanged event) {
        canary = event.canary();
    }

    @EventSourcingHandler
    void on(AgentRemoved event) {
        markDeleted();
    }
}
