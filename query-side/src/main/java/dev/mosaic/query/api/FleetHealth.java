package dev.mosaic.query.api;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.time.Instant;

/**
 * How the agents' gateways answered their readiness probe ({@code GET <gatewayUrl>/readyz}). The probes are the
 * server's: each node probes the agents whose change streams it holds, so a node answers {@code unknown} for an
 * agent that streams from another node (or from none) and before its first probe.
 */
public interface FleetHealth {
    String READY = "ready";
    String UNREADY = "unready";
    String UNREACHABLE = "unreachable";
    String UNKNOWN = "unknown";

    /**
     * {@code ready}: the gateway answered 2xx; {@code unready}: it answered another status; {@code unreachable}: no
     * answer (refused, timed out, invalid URL); {@code unknown}: not probed by this node.
     */
    record AgentHealth(@Schema(allowableValues = {READY, UNREADY, UNREACHABLE, UNKNOWN}) String state,
                       @Nullable Instant checkedAt, @Nullable String error) {
        public static final AgentHealth NOT_PROBED = new AgentHealth(UNKNOWN, null, null);

        public boolean unhealthy() {
            return UNREADY.equals(state) || UNREACHABLE.equals(state);
        }
    }

    /** The agent's last probe by this node, or {@link AgentHealth#NOT_PROBED}. */
    AgentHealth of(String agentName);

    /** Agents this node probes (they stream from it) whose last probe found them unready or unreachable. */
    int unhealthyCount();
}
