package dev.mosaic.events.agent;

import dev.mosaic.events.secret.SecretRef;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AgentTokenRotated(String agentId, String tokenHash, SecretRef token) implements AgentEvent {
}
