package dev.mosaic.command.testing;

import dev.mosaic.command.lookup.ProviderUsage;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Which agents use which models of which providers, set up by each test. */
public class InMemoryProviderUsage implements ProviderUsage {
    private final Map<String, Map<String, Set<String>>> modelsByAgentByProvider = new TreeMap<>();

    public InMemoryProviderUsage agentUses(String agentName, String providerId, String... modelIds) {
        modelsByAgentByProvider.computeIfAbsent(providerId, p -> new TreeMap<>()).put(agentName, Set.of(modelIds));
        return this;
    }

    @Override
    public List<String> agentsUsing(String providerId) {
        return List.copyOf(modelsByAgentByProvider.getOrDefault(providerId, Map.of()).keySet());
    }

    @Override
    public List<String> agentsUsingModels(String providerId, Collection<String> modelIds) {
        return modelsByAgentByProvider.getOrDefault(providerId, Map.of()).entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(modelIds::contains))
                .map(Map.Entry::getKey)
                .toList();
    }
}
