package dev.mosaic.command.testing;

import dev.mosaic.command.lookup.ProviderCatalog;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The providers agent commands may refer to, set up by each test. */
public class InMemoryProviderCatalog implements ProviderCatalog {
    private final Map<String, ProviderFacts> providers = new HashMap<>();

    public InMemoryProviderCatalog active(String providerId, String... modelIds) {
        providers.put(providerId, new ProviderFacts(providerId, true, Set.of(modelIds)));
        return this;
    }

    public InMemoryProviderCatalog inactive(String providerId, String... modelIds) {
        providers.put(providerId, new ProviderFacts(providerId, false, Set.of(modelIds)));
        return this;
    }

    @Override
    public Optional<ProviderFacts> find(String providerId) {
        return Optional.ofNullable(providers.get(providerId));
    }
}
