package dev.mosaic.server.fleetfile;

import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.api.Provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fleet as it is, as a document: both collections, sorted by name, keys as masks. */
final class FleetExport {
    private FleetExport() {
    }

    static FleetDocument of(FleetState state, FleetSecrets secrets) {
        Map<String, FleetDocument.Provider> providers = new LinkedHashMap<>();
        for (Provider p : state.providers()) {
            providers.put(p.name(), new FleetDocument.Provider(p.displayName(), p.type(), p.baseUrl(), p.apiType(),
                    secrets.mask(p), p.active(), p.models().stream()
                    .map(m -> new FleetDocument.Model(m.id(), m.name(), m.contextWindow(), m.maxTokens())).toList()));
        }
        Map<String, FleetDocument.Agent> agents = new LinkedHashMap<>();
        for (Agent a : state.agents()) {
            agents.put(a.name(), new FleetDocument.Agent(a.displayName(), a.role(), a.gatewayUrl(), a.active(),
                    a.canary(), model(a, state), a.personality(), a.toolPermissions()));
        }
        return new FleetDocument(FleetDocument.API_VERSION, FleetDocument.KIND, providers, agents);
    }

    private static FleetDocument.AgentModel model(Agent a, FleetState state) {
        if (a.providerId() == null) {
            return null;
        }
        List<FleetDocument.Fallback> fallbacks = a.fallbacks().stream()
                .map(f -> new FleetDocument.Fallback(providerName(f, state), f.model())).toList();
        return new FleetDocument.AgentModel(name(a.providerId(), state), a.primaryModel(), fallbacks);
    }

    private static String providerName(ModelRef ref, FleetState state) {
        return name(ref.providerId(), state);
    }

    private static String name(String providerId, FleetState state) {
        return state.provider(providerId).map(Provider::name).orElse(providerId);
    }
}
