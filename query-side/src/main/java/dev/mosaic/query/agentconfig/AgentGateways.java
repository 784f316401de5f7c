package dev.mosaic.query.agentconfig;

import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Where an active agent's gateway listens and the token it expects, for the server's chat proxy. */
@Component
public class AgentGateways {
    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    AgentGateways(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public record Gateway(String agentName, String url, String token) {
        @Override
        public String toString() {
            return "Gateway[" + agentName + ", " + url + "]";
        }
    }

    public Optional<Gateway> find(String agentName) {
        return jdbc.sql("select agent_id, gateway_url, token from config_agent where name = ? and active")
                .param(agentName)
                .query((rs, n) -> new Gateway(agentName, rs.getString("gateway_url"),
                        cipher.decrypt(new SecretRef(rs.getString("token")), SecretOwner.agentToken(rs.getString("agent_id")))))
                .optional();
    }
}
