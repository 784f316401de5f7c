package dev.mosaic.server.fleetfile;

import dev.mosaic.command.api.FieldViolation;
import dev.mosaic.command.api.InvalidCommandException;
import dev.mosaic.command.api.Violations;
import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.events.provider.ApiType;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.provider.ProviderType;
import dev.mosaic.events.secret.SecretRef;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.api.Provider;
import dev.mosaic.server.change.DesiredFleet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a document asks for, against the fleet now: the desired fleet for the planner and the entities left
 * alone. A present collection is managed: its entities are made as written; those it lacks are removed with
 * {@code prune}, else kept as they are and listed as unmanaged. An absent collection is kept as it is. Every
 * problem of the document is collected with its dotted path and thrown at once.
 */
public record FleetTarget(DesiredFleet desired, List<Unmanaged> unmanaged) {

    /** An entity of a managed collection that the document does not name, left as it is. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "FleetUnmanaged")
    public record Unmanaged(String entityType, String entityId) {
    }

    static FleetTarget of(FleetDocument doc, FleetState now, boolean prune, FleetSecrets secrets) {
        return new Builder(doc, now, prune, secrets).build();
    }

    private static final class Builder {
        private final FleetDocument doc;
        private final FleetState now;
        private final boolean prune;
        private final FleetSecrets secrets;
        private final Violations v = new Violations();
        private final List<FieldViolation> found = new ArrayList<>();
        /** The providers there will be, by name (the document's, and those it leaves as they are). */
        private final Map<String, Provider> providers = new LinkedHashMap<>();
        private final List<Unmanaged> unmanaged = new ArrayList<>();

        Builder(FleetDocument doc, FleetState now, boolean prune, FleetSecrets secrets) {
            this.doc = doc;
            this.now = now;
            this.prune = prune;
            this.secrets = secrets;
        }

        FleetTarget build() {
            v.check(FleetDocument.API_VERSION.equals(doc.apiVersion()), "apiVersion", "must be " + FleetDocument.API_VERSION);
            v.check(FleetDocument.KIND.equals(doc.kind()), "kind", "must be " + FleetDocument.KIND);
            providers();
            List<Agent> agents = agents();
            try {
                v.throwIfAny();
            } catch (InvalidCommandException e) {
                found.addAll(0, e.violations());
            }
            if (!found.isEmpty()) {
                throw new InvalidCommandException(found);
            }
            return new FleetTarget(new DesiredFleet(List.copyOf(providers.values()), agents), List.copyOf(unmanaged));
        }

        private void providers() {
            if (doc.providers() == null) {
                now.providers().forEach(p -> providers.put(p.name(), p));
                return;
            }
            for (Map.Entry<String, FleetDocument.Provider> entry : doc.providers().entrySet()) {
                String at = "providers." + entry.getKey();
                Provider p = provider(entry.getKey(), entry.getValue(), at);
                if (p != null) {
                    providers.put(p.name(), p);
                }
            }
            for (Provider p : now.providers()) {
                if (!doc.providers().containsKey(p.name()) && !prune) {
                    providers.put(p.name(), p);
                    unmanaged.add(new Unmanaged("provider", p.name()));
                }
            }
        }

        private Provider provider(String name, FleetDocument.Provider p, String at) {
            if (!Violations.NAME.matcher(name).matches()) {
                v.add(at, "is not a valid name: it " + Violations.NAME_MESSAGE);
                return null;
            }
            if (p == null) {
                v.add(at, "must be a mapping of the provider's fields");
                return null;
            }
            v.check(!blank(p.displayName()), at + ".displayName", "is required");
            if (blank(p.type())) {
                v.add(at + ".type", "is required");
            } else {
                v.check(ProviderType.fromWireName(p.type()).isPresent(), at + ".type",
                        "must be one of openai, anthropic, zai, ollama, custom");
                v.check(!"custom".equals(p.type()) || !blank(p.baseUrl()), at + ".baseUrl",
                        "is required for a custom provider");
            }
            v.check(blank(p.apiType()) || ApiType.fromWireName(p.apiType()).isPresent(), at + ".apiType",
                    "must be one of openai-completions, openai-responses, anthropic-messages, ollama");
            List<ProviderModel> models = new ArrayList<>();
            if (p.models() == null || p.models().isEmpty()) {
                v.add(at + ".models", "must list at least one model");
            } else {
                for (int i = 0; i < p.models().size(); i++) {
                    FleetDocument.Model m = p.models().get(i);
                    if (m == null || blank(m.id())) {
                        v.add(at + ".models[" + i + "]" + (m == null ? "" : ".id"), "is required");
                        continue;
                    }
                    models.add(new ProviderModel(m.id(), blank(m.name()) ? m.id() : m.name(), m.contextWindow(),
                            m.maxTokens()));
                }
            }
            Optional<Provider> current = now.providerNamed(name);
            String id = current.map(Provider::id).orElseGet(() -> UUID.randomUUID().toString());
            SecretRef key = null;
            try {
                key = secrets.resolve(p.apiKey(), id, current, at + ".apiKey");
            } catch (InvalidCommandException e) {
                found.addAll(e.violations());
            }
            return new Provider(id, name, p.displayName(), p.type(), emptyToNull(p.baseUrl()),
                    emptyToNull(p.apiType()), key, models, p.active() == null || p.active(),
                    current.map(Provider::version).orElse(0L));
        }

        private List<Agent> agents() {
            List<Agent> agents = new ArrayList<>();
            if (doc.agents() == null) {
                return new ArrayList<>(now.agents());
            }
            for (Map.Entry<String, FleetDocument.Agent> entry : doc.agents().entrySet()) {
                Agent a = agent(entry.getKey(), entry.getValue(), "agents." + entry.getKey());
                if (a != null) {
                    agents.add(a);
                }
            }
            for (Agent a : now.agents()) {
                if (!doc.agents().containsKey(a.name()) && !prune) {
                    agents.add(a);
                    unmanaged.add(new Unmanaged("agent", a.name()));
                }
            }
            return agents;
        }

        private Agent agent(String name, FleetDocument.Agent a, String at) {
            if (!Violations.NAME.matcher(name).matches()) {
                v.add(at, "is not a valid name: it " + Violations.NAME_MESSAGE);
                return null;
            }
            if (a == null) {
                v.add(at, "must be a mapping of the agent's fields");
                return null;
            }
            v.check(!blank(a.displayName()), at + ".displayName", "is required");
            v.check(!blank(a.gatewayUrl()), at + ".gatewayUrl", "is required");
            String providerId = null;
            String primary = null;
            List<ModelRef> fallbacks = List.of();
            if (a.model() != null) {
                FleetDocument.AgentModel m = a.model();
                providerId = model(m.provider(), m.primary(), at + ".model.provider", at + ".model.primary");
                primary = m.primary();
                List<ModelRef> refs = new ArrayList<>();
                List<FleetDocument.Fallback> listed = m.fallbacks() == null ? List.of() : m.fallbacks();
                for (int i = 0; i < listed.size(); i++) {
                    String fat = at + ".model.fallbacks[" + i + "]";
                    FleetDocument.Fallback f = listed.get(i);
                    if (f == null) {
                        v.add(fat, "must be a mapping of provider and model");
                        continue;
                    }
                    refs.add(new ModelRef(model(f.provider(), f.model(), fat + ".provider", fat + ".model"), f.model()));
                }
                fallbacks = refs;
            }
            Optional<Agent> current = now.agentNamed(name);
            return new Agent(current.map(Agent::id).orElseGet(() -> UUID.randomUUID().toString()), name,
                    a.displayName(), emptyToNull(a.role()), a.gatewayUrl(), providerId, primary, fallbacks,
                    emptyToNull(a.personality()), a.toolPermissions() == null ? List.of() : a.toolPermissions(),
                    a.canary() != null && a.canary(), a.active() == null || a.active(),
                    current.map(Agent::version).orElse(0L), current.map(Agent::token).orElse(null),
                    current.map(Agent::tokenHash).orElse(null));
        }

        /** The id of the provider a model reference names, checking that it will exist and offer the model. */
        private String model(String providerName, String model, String providerField, String modelField) {
            if (blank(providerName)) {
                v.add(providerField, "is required");
                return null;
            }
            Provider provider = providers.get(providerName);
            if (provider == null) {
                boolean pruned = now.providerNamed(providerName).isPresent();
                v.add(providerField, "unknown provider " + providerName + (pruned ? " (the document removes it)" : ""));
                return null;
            }
            if (blank(model)) {
                v.add(modelField, "is required");
            } else {
                v.check(provider.models().stream().anyMatch(m -> m.id().equals(model)), modelField,
                        "provider " + providerName + " has no model " + model);
            }
            return provider.id();
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** The names the document manages, by entity type (for staleness checks). */
    static Map<String, List<String>> names(FleetDocument doc) {
        Map<String, List<String>> names = new HashMap<>();
        names.put("provider", doc.providers() == null ? List.of() : List.copyOf(doc.providers().keySet()));
        names.put("agent", doc.agents() == null ? List.of() : List.copyOf(doc.agents().keySet()));
        return names;
    }
}
