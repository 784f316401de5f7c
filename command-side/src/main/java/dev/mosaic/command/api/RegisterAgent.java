package dev.mosaic.command.api;

import java.util.List;

/**
 * {@code token} is the plaintext token generated for the agent; {@code model} may be null (assigned later);
 * {@code canary} null means false.
 */
public record RegisterAgent(String agentId, String name, String displayName, String role, String gatewayUrl,
                            String token, ModelAssignment model, String personality, List<String> toolPermissions,
                            Boolean canary) {
    public RegisterAgent(String agentId, String name, String displayName, String role, String gatewayUrl,
                         String token, ModelAssignment model, String personality, List<String> toolPermissions) {
        this(agentId, name, displayName, role, gatewayUrl, token, model, personality, toolPermissions, null);
    }

    @Override
    public String toString() {
        return "RegisterAgent[" + agentId + ", " + name + "]";
    }
}
