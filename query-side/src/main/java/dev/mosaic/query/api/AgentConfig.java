package dev.mosaic.query.api;

/**
 * What an agent is served: its rendered {@code openclaw.json}, its SOUL.md and their version; and where its
 * gateway listens with the token it expects (the chat proxy's way in). Held only in memory.
 */
public record AgentConfig(String agentId, String name, long version, String etag, byte[] document, String soul,
                          String tokenHash, boolean active, String gatewayUrl, String token) {
    @Override
    public String toString() {
        return "AgentConfig[" + name + " v" + version + "]";
    }
}
