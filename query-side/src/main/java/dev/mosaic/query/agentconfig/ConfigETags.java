package dev.mosaic.query.agentconfig;

import dev.mosaic.query.api.AgentConfig;
import org.springframework.http.ETag;

/** An agent config's ETag as sent, and If-None-Match's weak comparison with it (RFC 9110 13.1.2). */
final class ConfigETags {
    private ConfigETags() {
    }

    static String quoted(AgentConfig config) {
        return "\"" + config.etag() + "\"";
    }

    /** {@code *} or any listed tag, with or without W/. */
    static boolean matches(String ifNoneMatch, AgentConfig config) {
        if (ifNoneMatch == null) {
            return false;
        }
        String quoted = quoted(config);
        if (ifNoneMatch.equals(quoted)) {
            return true;
        }
        ETag mine = ETag.create(quoted);
        return ETag.parse(ifNoneMatch).stream().anyMatch(tag -> tag.isWildcard() || tag.compare(mine, false));
    }
}
