package dev.mosaic.query.agentconfig;

/** What an agent is served: its rendered {@code openclaw.json}, its SOUL.md and their version. */
public record AgentConfig(String agentId, String name, long version, String etag, byte[] document, String soul,
                          String tokenHash, boolean active) {
    @Override
    public String toString() {
        return "AgentConfig[" + name + " v" + version + "]";
    }
}
