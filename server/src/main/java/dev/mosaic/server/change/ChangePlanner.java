package dev.mosaic.server.change;

import dev.mosaic.command.api.ModelInput;
import dev.mosaic.command.api.PlannedCommand;
import dev.mosaic.command.api.PlannedCommand.ModelChoice;
import dev.mosaic.command.api.PlannedCommand.SealedKey;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.api.Provider;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ordinary commands that take the fleet from its state now to a desired one, keyed by names, in an order
 * every rule accepts: providers gain what agents will need first, then agents change, then providers lose what
 * no agent needs any more. What the plan does not say: tokens (never planned), sign-in settings, and a model an
 * agent has now but not in the desired state (a model cannot be unassigned).
 */
public final class ChangePlanner {
    private final SecretCipher cipher;

    public ChangePlanner(SecretCipher cipher) {
        this.cipher = cipher;
    }

    public List<PlannedCommand> plan(DesiredFleet desired, FleetState now) {
        List<PlannedCommand> first = new ArrayList<>();
        List<PlannedCommand> agents = new ArrayList<>();
        List<PlannedCommand> last = new ArrayList<>();
        Set<String> desiredProviders = new HashSet<>();
        for (Provider p : desired.providers()) {
            desiredProviders.add(p.name());
            now.providerNamed(p.name()).ifPresentOrElse(current -> provider(p, current, first, last), () -> {
                first.add(new PlannedCommand.RegisterProvider(p.name(), p.displayName(), p.type(), p.baseUrl(),
                        p.apiType(), inputs(p.models()), sealed(p)));
                if (!p.active()) {
                    last.add(new PlannedCommand.DeactivateProvider(p.name()));
                }
            });
        }
        Set<String> desiredAgents = new HashSet<>();
        for (Agent a : desired.agents()) {
            desiredAgents.add(a.name());
            ModelChoice model = a.providerId() == null ? null
                    : new ModelChoice(providerName(a.providerId(), desired, now), a.primaryModel());
            List<ModelChoice> fallbacks = a.fallbacks().stream()
                    .map(f -> new ModelChoice(providerName(f.providerId(), desired, now), f.model())).toList();
            now.agentNamed(a.name()).ifPresentOrElse(current -> agent(a, model, fallbacks, current, now, agents), () -> {
                agents.add(new PlannedCommand.RegisterAgent(a.name(), a.displayName(), a.role(), a.gatewayUrl(),
                        model, model == null ? List.of() : fallbacks, a.personality(), a.toolPermissions(),
                        a.canary()));
                if (!a.active()) {
                    agents.add(new PlannedCommand.DeactivateAgent(a.name()));
                }
            });
        }
        now.agents().stream().filter(a -> !desiredAgents.contains(a.name()))
                .forEach(a -> agents.add(new PlannedCommand.RemoveAgent(a.name())));
        now.providers().stream().filter(p -> !desiredProviders.contains(p.name()))
                .forEach(p -> last.add(new PlannedCommand.RemoveProvider(p.name())));
        List<PlannedCommand> plan = new ArrayList<>(first);
        plan.addAll(agents);
        plan.addAll(last);
        return plan;
    }

    private void provider(Provider p, Provider current, List<PlannedCommand> first, List<PlannedCommand> last) {
        boolean detailsDiffer = !Objects.equals(p.displayName(), current.displayName())
                || !Objects.equals(p.type(), current.type()) || !Objects.equals(p.baseUrl(), current.baseUrl())
                || !Objects.equals(p.apiType(), current.apiType());
        Set<String> dropped = droppedModels(current.models(), p.models());
        boolean modelsDiffer = !p.models().equals(current.models());
        // models an agent still uses are dropped only after the agents have moved off them
        List<ProviderModel> modelsFirst = dropped.isEmpty() ? p.models() : union(p.models(), current.models());
        boolean activate = p.active() && !current.active();
        if (detailsDiffer || (modelsDiffer && !modelsFirst.equals(current.models())) || activate) {
            first.add(new PlannedCommand.UpdateProvider(p.name(), p.displayName(), p.type(), orEmpty(p.baseUrl()),
                    orEmpty(p.apiType()), inputs(modelsFirst), activate ? true : null));
        }
        if (!Objects.equals(plaintext(p), plaintext(current))) {
            first.add(new PlannedCommand.ReplaceProviderKey(p.name(), sealed(p)));
        }
        if (!dropped.isEmpty()) {
            last.add(new PlannedCommand.UpdateProvider(p.name(), null, null, null, null, inputs(p.models()), null));
        }
        if (!p.active() && current.active()) {
            last.add(new PlannedCommand.DeactivateProvider(p.name()));
        }
    }

    private static void agent(Agent a, ModelChoice model, List<ModelChoice> fallbacks, Agent current, FleetState now,
                              List<PlannedCommand> agents) {
        boolean modelDiffers = model != null && (!model.equals(choice(current.providerId(), current.primaryModel(), now))
                || !fallbacks.equals(current.fallbacks().stream()
                .map(f -> choice(f.providerId(), f.model(), now)).toList()));
        boolean differs = modelDiffers || !Objects.equals(a.displayName(), current.displayName())
                || !Objects.equals(a.role(), current.role()) || !Objects.equals(a.gatewayUrl(), current.gatewayUrl())
                || !Objects.equals(a.personality(), current.personality())
                || !a.toolPermissions().equals(current.toolPermissions()) || a.active() != current.active()
                || a.canary() != current.canary();
        if (differs) {
            agents.add(new PlannedCommand.UpdateAgent(a.name(), a.displayName(), orEmpty(a.role()), a.gatewayUrl(),
                    modelDiffers ? model : null, modelDiffers ? fallbacks : null, orEmpty(a.personality()),
                    a.toolPermissions(), a.active(), a.canary()));
        }
    }

    private static ModelChoice choice(String providerId, String model, FleetState now) {
        return providerId == null ? null
                : new ModelChoice(now.provider(providerId).map(Provider::name).orElse(providerId), model);
    }

    /** The name of the provider an agent's model comes from: desired first, then as it is now (else the id as given). */
    private static String providerName(String providerId, DesiredFleet desired, FleetState now) {
        return desired.provider(providerId).or(() -> now.provider(providerId)).map(Provider::name).orElse(providerId);
    }

    /** The models of {@code current} that {@code wanted} lacks, by id. */
    public static Set<String> droppedModels(List<ProviderModel> current, List<ProviderModel> wanted) {
        Set<String> dropped = ids(current);
        dropped.removeAll(ids(wanted));
        return dropped;
    }

    private SealedKey sealed(Provider p) {
        return p.apiKey() == null ? null : new SealedKey(p.apiKey(), p.id());
    }

    private String plaintext(Provider p) {
        SecretRef key = p.apiKey();
        return key == null ? null : cipher.decrypt(key, SecretOwner.providerApiKey(p.id()));
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
