package dev.mosaic.command.agent;

import dev.mosaic.command.api.ModelAssignment;
import dev.mosaic.command.api.Violations;
import dev.mosaic.command.lookup.ProviderCatalog;
import dev.mosaic.command.lookup.ProviderCatalog.ProviderFacts;
import dev.mosaic.events.agent.ModelRef;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The validation rules of an agent's fields, including references to providers and their models. */
public final class AgentRules {
    static final int PERSONALITY_MAX = 64 * 1024;
    public static final Pattern TOOL = Pattern.compile("^[A-Za-z0-9_.:*/-]{1,100}$");
    public static final String TOOL_MESSAGE = "must be a tool name or pattern (letters, digits and _ . : * / -)";

    private AgentRules() {
    }

    static void checkProfile(Violations v, String displayName, String role, String gatewayUrl) {
        v.displayName("displayName", displayName);
        v.optionalText("role", role, 100);
        v.httpUrl("gatewayUrl", gatewayUrl);
    }

    static void checkPersonality(Violations v, String personality) {
        v.optionalText("personality", personality, PERSONALITY_MAX);
    }

    static void checkTools(Violations v, List<String> tools) {
        if (tools == null) {
            return;
        }
        for (int i = 0; i < tools.size(); i++) {
            String tool = tools.get(i);
            v.check(tool != null && TOOL.matcher(tool).matches(), "toolPermissions[" + i + "]", TOOL_MESSAGE);
        }
    }

    static void checkModel(Violations v, ModelAssignment model, ProviderCatalog catalog) {
        if (model.providerId() == null || model.providerId().isEmpty()) {
            v.add("providerId", "is required");
            return;
        }
        Optional<ProviderFacts> primary = usableProvider(v, "providerId", model.providerId(), catalog);
        if (model.primaryModel() == null || model.primaryModel().isEmpty()) {
            v.add("primaryModel", "is required");
        } else {
            primary.ifPresent(p -> v.check(p.modelIds().contains(model.primaryModel()), "primaryModel",
                    "is not a model of provider " + model.providerId()));
        }
        Set<ModelRef> seen = new HashSet<>();
        seen.add(new ModelRef(model.providerId(), model.primaryModel()));
        List<ModelRef> fallbacks = model.fallbacks();
        for (int i = 0; i < fallbacks.size(); i++) {
            ModelRef fallback = fallbacks.get(i);
            String at = "fallbacks[" + i + "]";
            if (fallback == null || fallback.providerId() == null || fallback.model() == null) {
                v.add(at, "needs providerId and model");
                continue;
            }
            usableProvider(v, at + ".providerId", fallback.providerId(), catalog)
                    .ifPresent(p -> v.check(p.modelIds().contains(fallback.model()), at + ".model",
                            "is not a model of provider " + fallback.providerId()));
            v.check(seen.add(fallback), at, "repeats the primary model or another fallback");
        }
    }

    private static Optional<ProviderFacts> usableProvider(Violations v, String field, String providerId,
                                                          ProviderCatalog catalog) {
        Optional<ProviderFacts> facts = catalog.find(providerId);
        if (facts.isEmpty()) {
            v.add(field, "unknown provider " + providerId);
            return Optional.empty();
        }
        if (!facts.get().active()) {
            v.add(field, "provider " + providerId + " is deactivated");
            return Optional.empty();
        }
        return facts;
    }

    static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
