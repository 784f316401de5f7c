package dev.mosaic.events.agent;

import dev.mosaic.events.secret.SecretRef;
import org.axonframework.serialization.Revision;

/** {@code tokenHash} is the SHA-256 of the agent token (for look-up); {@code token} its ciphertext. */
@Revision("1")
public record AgentRegistered(String agentId, String name, String displayName, String role, String gatewayUrl,
                              String tokenHash, SecretRef token) implements AgentEvent {
}
