package dev.mosaic.query.api;

import java.util.Optional;

/** Where an active agent's gateway listens and the token it expects, for the server's chat proxy. */
public interface AgentGateways {
    record Gateway(String agentName, String url, String token) {
        @Override
        public String toString() {
            return "Gateway[" + agentName + ", " + url + "]";
        }
    }

    Optional<Gateway> find(String agentName);
}
