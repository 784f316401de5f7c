package dev.mosaic.command.lookup;

import java.util.Optional;
import java.util.Set;

/** What agent commands need to know about providers: whether one exists, is active, and which models it has. */
public interface ProviderCatalog {
    Optional<ProviderFacts> find(String providerId);

    record ProviderFacts(String providerId, boolean active, Set<String> modelIds) {
    }
}
