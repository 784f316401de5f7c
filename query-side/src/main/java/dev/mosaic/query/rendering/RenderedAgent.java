package dev.mosaic.query.rendering;

/**
 * An agent as a committed render batch left it: its newest version with the bytes and SOUL.md, and what
 * serving it needs (token, whether it is active, where its gateway listens).
 */
public record RenderedAgent(String agentId, String name, long version, String etag, byte[] document, String soul,
                            String tokenHash, boolean active, String gatewayUrl, String token) {
    @Override
    public String toString() {
        return "RenderedAgent[" + name + " v" + version + "]";
    }
}
