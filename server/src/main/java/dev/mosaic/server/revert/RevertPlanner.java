package dev.mosaic.server.revert;

import dev.mosaic.command.api.RegisterAgent;
import dev.mosaic.command.api.RemoveAgent;
import dev.mosaic.command.api.ModelAssignment;
import dev.mosaic.command.api.UpdateAgent;
import dev.mosaic.command.api.RuleViolationException;
import dev.mosaic.command.api.ModelInput;
import dev.mosaic.command.api.RegisterProvider;
import dev.mosaic.command.api.RemoveProvider;
import dev.mosaic.command.api.ReplaceProviderApiKey;
import dev.mosaic.command.api.UpdateProvider;
import dev.mosaic.events.agent.AgentTokens;
import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;
import dev.mosaic.query.api.FleetState;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The ordinary commands that take providers and agents from their state now back to their state at a seq,
 * in an order every rule accepts: providers gain what agents will need first, then agents change, then
 * providers lose what no agent needs any more. See the README ("Revert") for the choices on the hard cases.
 */
@Component
class RevertPlanner {
    private final SecretCipher cipher;

    RevertPlanner(SecretCipher cipher) {
        this.cipher = cipher;
    }

    record Scope(String entityType, String entityId) {
        boolean covers(String type, String id, String name) {
            return entityType.equals(type) && (entityId.equals(id) || entityId.equals(name));
        }
    }

    List<PlannedCommand> plan(FleetState then, FleetState now, Scope scope) {
        long seq = then.seq();
        List<PlannedCommand> first = new ArrayList<>();
        List<PlannedCommand> agents = new ArrayList<>();
        List<PlannedCommand> last = new ArrayList<>();
        Map<String, String> providerIds = new HashMap<>();
        boolean allProviders = scope == null;
        boolean allAgents = scope == null;

        for (FleetState.Provider p : then.providers()) {
            if (!allProviders && !scope.covers("provider", p.id(), p.name())) {
                continue;
            }
            FleetState.Provider current = now.provider(p.id()).orElse(null);
            if (current == null) {
                now.providerNamed(p.name()).ifPresent(other -> {
                    throw new RuleViolationException("provider '" + p.name() + "' cannot be restored: its name is "
                            + "taken by another provider since #" + seq);
                });
                String id = UUID.randomUUID().toString();
                providerIds.put(p.id(), id);
                first.add(new PlannedCommand("provider", id, "register", "register provider " + p.name()
                        + " again (removed since #" + seq + ")", new RegisterProvider(id, p.name(), p.displayName(),
                        p.type(), p.baseUrl(), plaintext(p.apiKey(), p.id()), p.apiType(), inputs(p.models()))));
                if (!p.active()) {
                    last.add(new PlannedCommand("provider", id, "deactivate", "deactivate provider " + p.name(),
                            new UpdateProvider(id, null, null, null, null, null, null, false)));
                }
                continue;
            }
            boolean detailsDiffer = !Objects.equals(p.displayName(), current.displayName())
                    || !Objects.equals(p.type(), current.type()) || !Objects.equals(p.baseUrl(), current.baseUrl())
                    || !Objects.equals(p.apiType(), current.apiType());
            Set<String> dropped = ids(current.models());
            dropped.removeAll(ids(p.models()));
            boolean modelsDiffer = !p.models().equals(current.models());
            List<ProviderModel> modelsFirst = dropped.isEmpty() ? p.models() : union(p.models(), current.models());
            boolean activate = p.active() && !current.active();
            if (detailsDiffer || (modelsDiffer && !modelsFirst.equals(current.models())) || activate) {
                first.add(new PlannedCommand("provider", p.id(), "update", "restore provider " + p.name()
                        + (activate ? " and activate it" : ""), new UpdateProvider(p.id(), null, p.displayName(),
                        p.type(), orEmpty(p.baseUrl()), orEmpty(p.apiType()), inputs(modelsFirst), activate ? true : null)));
            }
            String oldKey = plaintext(p.apiKey(), p.id());
            if (!Objects.equals(oldKey, plaintext(current.apiKey(), p.id()))) {
                first.add(new PlannedCommand("provider", p.id(), "restore-api-key", "restore the API key provider "
                        + p.name() + " had at #" + seq, new ReplaceProviderApiKey(p.id(), null, oldKey == null ? "" : oldKey)));
            }
            if (!dropped.isEmpty()) {
                last.add(new PlannedCommand("provider", p.id(), "update", "remove models " + dropped + " of provider "
                        + p.name(), new UpdateProvider(p.id(), null, null, null, null, null, inputs(p.models()), null)));
            }
            if (!p.active() && current.active()) {
                last.add(new PlannedCommand("provider", p.id(), "deactivate", "deactivate provider " + p.name(),
                        new UpdateProvider(p.id(), null, null, null, null, null, null, false)));
            }
        }

        for (FleetState.Agent a : then.agents()) {
            if (!allAgents && !scope.covers("agent", a.id(), a.name())) {
                continue;
            }
            FleetState.Agent current = now.agent(a.id()).orElse(null);
            String providerId = a.providerId() == null ? null : providerIds.getOrDefault(a.providerId(), a.providerId());
            List<ModelRef> fallbacks = a.fallbacks().stream()
                    .map(f -> new ModelRef(providerIds.getOrDefault(f.providerId(), f.providerId()), f.model())).toList();
            if (current == null) {
                now.agentNamed(a.name()).ifPresent(other -> {
                    throw new RuleViolationException("agent '" + a.name() + "' cannot be restored: its name is taken "
                            + "by another agent since #" + seq);
                });
                String id = UUID.randomUUID().toString();
                agents.add(new PlannedCommand("agent", id, "register", "register agent " + a.name() + " again (removed "
                        + "since #" + seq + ") with a new token: rotate it to connect the agent",
                        new RegisterAgent(id, a.name(), a.displayName(), a.role(), a.gatewayUrl(), AgentTokens.generate(),
                                providerId == null ? null : new ModelAssignment(providerId, a.primaryModel(), fallbacks),
                                a.personality(), a.toolPermissions())));
                if (!a.active()) {
                    agents.add(new PlannedCommand("agent", id, "deactivate", "deactivate agent " + a.name(),
                            new UpdateAgent(id, null, null, null, null, null, null, null, null, null, false)));
                }
                continue;
            }
            boolean modelDiffers = providerId != null && (!providerId.equals(current.providerId())
                    || !Objects.equals(a.primaryModel(), current.primaryModel()) || !fallbacks.equals(current.fallbacks()));
            boolean differs = modelDiffers || !Objects.equals(a.displayName(), current.displayName())
                    || !Objects.equals(a.role(), current.role()) || !Objects.equals(a.gatewayUrl(), current.gatewayUrl())
                    || !Objects.equals(a.personality(), current.personality())
                    || !a.toolPermissions().equals(current.toolPermissions()) || a.active() != current.active();
            if (differs) {
                agents.add(new PlannedCommand("agent", a.id(), "update", "restore agent " + a.name(),
                        new UpdateAgent(a.id(), null, a.displayName(), orEmpty(a.role()), a.gatewayUrl(),
                                modelDiffers ? providerId : null, modelDiffers ? a.primaryModel() : null,
                                modelDiffers ? fallbacks : null, orEmpty(a.personality()), a.toolPermissions(),
                                a.active())));
            }
        }
        for (FleetState.Agent created : now.agents()) {
            if (then.agent(created.id()).isEmpty() && (allAgents || scope.covers("agent", created.id(), created.name()))) {
                agents.add(new PlannedCommand("agent", created.id(), "remove", "remove agent " + created.name()
                        + " (created after #" + seq + ")", new RemoveAgent(created.id(), null)));
            }
        }
        for (FleetState.Provider created : now.providers()) {
            if (then.provider(created.id()).isEmpty()
                    && (allProviders || scope.covers("provider", created.id(), created.name()))) {
                last.add(new PlannedCommand("provider", created.id(), "remove", "remove provider " + created.name()
                        + " (created after #" + seq + ")", new RemoveProvider(created.id(), null)));
            }
        }
        List<PlannedCommand> plan = new ArrayList<>(first);
        plan.addAll(agents);
        plan.addAll(last);
        return plan;
    }

    private String plaintext(SecretRef secret, String providerId) {
        return secret == null ? null : cipher.decrypt(secret, SecretOwner.providerApiKey(providerId));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static Set<String> ids(List<ProviderModel> models) {
        Set<String> ids = new HashSet<>();
        models.forEach(m -> ids.add(m.id()));
        return ids;
    }

    private static List<ProviderModel> union(List<ProviderModel> wanted, List<ProviderModel> current) {
        List<ProviderModel> union = new ArrayList<>(wanted);
        Set<String> ids = ids(wanted);
        current.stream().filter(m -> !ids.contains(m.id())).forEach(union::add);
        return union;
    }

    private static List<ModelInput> inputs(List<ProviderModel> models) {
        return models.stream().map(m -> new ModelInput(m.id(), m.name(), m.contextWindow(), m.maxTokens())).toList();
    }
}
