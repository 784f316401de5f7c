package dev.mosaic.query.agentconfig;

import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Where an active agent's gateway listens and the token it expects, for the server's chat proxy; served from
 * the in-memory configs, so a chat request costs no database round trip.
 */
@Component
public class AgentGateways {
    private final AgentConfigStore store;

    AgentGateways(AgentConfigStore store) {
        this.store = store;
    }

    public record Gateway(String agentName, String url, String token) {
        @Override
        public String toString() {
            return "Gateway[" + agentName + ", " + url + "]";
        }
    }

    public Optional<Gateway> find(String agentName) {
        return store.byName(agentName).filter(AgentConfig::active)
                .map(config -> new Gateway(agentName, config.gatewayUrl(), config.token()));
    }
}
