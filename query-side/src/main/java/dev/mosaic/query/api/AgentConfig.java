package dev.mosaic.query.api;

import org.springframework.http.ETag;

/**
 * What an agent is served: its rendered {@code openclaw.json}, its SOUL.md and their version; and where its
 * gateway listens with the token it expects (the chat proxy's way in). Held only in memory.
 */
public record AgentConfig(String agentId, String name, long version, String etag, byte[] document, String soul,
                          String tokenHash, boolean active, String gatewayUrl, String token) {
    String quotedEtag() {
        return "\"" + etag + "\"";
    }

    /** If-None-Match's weak comparison (RFC 9110 13.1.2): {@code *} or any listed tag, with or without W/. */
    boolean isMatchedBy(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        if (ifNoneMatch.equals(quotedEtag())) {
            return true;
        }
        ETag mine = ETag.create(quotedEtag());
        return ETag.parse(ifNoneMatch).stream().anyMatch(tag -> tag.isWildcard() || tag.compare(mine, false));
    }

    @Override
    public String toString() {
        return "AgentConfig[" + name + " v" + version + "]";
    }
}
