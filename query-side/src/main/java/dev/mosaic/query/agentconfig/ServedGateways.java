package dev.mosaic.query.agentconfig;

import dev.mosaic.query.api.AgentConfig;
import dev.mosaic.query.api.AgentGateways;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Gateways from the in-memory configs, so a chat request costs no database round trip. */
@Component
class ServedGateways implements AgentGateways {
    private final AgentConfigStore store;

    ServedGateways(AgentConfigStore store) {
        this.store = store;
    }

    @Override
    public Optional<Gateway> find(String agentName) {
        return store.byName(agentName).filter(AgentConfig::active)
                .map(config -> new Gateway(agentName, config.gatewayUrl(), config.token()));
    }
}
