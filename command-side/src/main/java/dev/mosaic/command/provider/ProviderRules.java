package dev.mosaic.command.provider;

import dev.mosaic.command.api.ModelInput;
import dev.mosaic.command.api.Violations;
import dev.mosaic.events.provider.ApiType;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.provider.ProviderType;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The validation rules of a provider's fields. */
final class ProviderRules {
    private ProviderRules() {
    }

    static void checkDetails(Violations v, String displayName, String type, String baseUrl, String apiType) {
        v.displayName("displayName", displayName);
        ProviderType providerType = null;
        if (type == null) {
            v.add("type", "is required");
        } else {
            providerType = ProviderType.fromWireName(type).orElse(null);
            v.check(providerType != null, "type", "must be one of openai, anthropic, zai, ollama, custom");
        }
        v.optionalHttpUrl("baseUrl", baseUrl);
        if (providerType == ProviderType.CUSTOM && baseUrl == null) {
            v.add("baseUrl", "is required for a custom provider");
        }
        v.check(apiType == null || ApiType.fromWireName(apiType).isPresent(), "apiType",
                "must be one of openai-completions, openai-responses, anthropic-messages, ollama");
    }

    static void checkModels(Violations v, List<ModelInput> models) {
        if (models == null || models.isEmpty()) {
            v.add("models", "must list at least one model");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            ModelInput m = models.get(i);
            String at = "models[" + i + "]";
            if (m == null) {
                v.add(at, "must not be null");
                continue;
            }
            if (m.id() == null || m.id().isBlank()) {
                v.add(at + ".id", "is required");
            } else {
                v.check(m.id().length() <= 200, at + ".id", "must be at most 200 characters");
                v.check(seen.add(m.id()), at + ".id", "duplicates another model id of this provider");
            }
            v.optionalText(at + ".name", m.name(), 200);
            v.check(m.contextWindow() == null || m.contextWindow() > 0, at + ".contextWindow", "must be positive");
            v.check(m.maxTokens() == null || m.maxTokens() > 0, at + ".maxTokens", "must be positive");
        }
    }

    /** A model without a name is shown by its id. */
    static List<ProviderModel> toModels(List<ModelInput> models) {
        return models.stream()
                .map(m -> new ProviderModel(m.id(), m.name() == null || m.name().isBlank() ? m.id() : m.name(),
                        m.contextWindow(), m.maxTokens()))
                .toList();
    }

    static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
