package dev.mosaic.server.change;

import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.Provider;

import java.util.List;
import java.util.Optional;

/**
 * The providers and agents a change should leave, matched to today's by name. Agents name their providers by
 * id: an id of one of these providers, or of a provider that exists now.
 */
public record DesiredFleet(List<Provider> providers, List<Agent> agents) {
    public DesiredFleet {
        providers = List.copyOf(providers);
        agents = List.copyOf(agents);
    }

    Optional<Provider> provider(String id) {
        return providers.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
