package dev.mosaic.events.secret;

/**
 * Whose secret a ciphertext is, bound into it as associated data so that a ciphertext copied to another
 * entity or field does not decrypt.
 */
public record SecretOwner(String entityType, String entityId, String field) {
    public static SecretOwner providerApiKey(String providerId) {
        return new SecretOwner("provider", providerId, "apiKey");
    }

    public static SecretOwner agentToken(String agentId) {
        return new SecretOwner("agent", agentId, "token");
    }

    /** A rendered openclaw.json, which holds the agent's token and its providers' keys. */
    public static SecretOwner agentConfig(String agentId) {
        return new SecretOwner("agent", agentId, "renderedConfig");
    }

    public static SecretOwner oidcClientSecret() {
        return new SecretOwner("installation", "installation", "oidcClientSecret");
    }

    public String associatedData() {
        return entityType + "/" + entityId + "/" + field;
    }
}
