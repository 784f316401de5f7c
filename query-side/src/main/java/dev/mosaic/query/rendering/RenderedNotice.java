package dev.mosaic.query.rendering;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code NOTIFY} payload a renderer sends when a batch commits: the newest event position rendered and the
 * agents to re-read (null: too many to name within PostgreSQL's 8000-byte payload, re-read all).
 */
public record RenderedNotice(long lastSeq, Set<String> agentIds) {
    public static final String CHANNEL = "mosaic_agent_config";
    private static final int MAX_PAYLOAD = 7900;

    public String encode() {
        String ids = agentIds == null ? "*" : String.join(",", agentIds);
        String payload = lastSeq + ":" + ids;
        return payload.length() <= MAX_PAYLOAD ? payload : lastSeq + ":*";
    }

    public static RenderedNotice parse(String payload) {
        int colon = payload.indexOf(':');
        long lastSeq = Long.parseLong(payload.substring(0, colon));
        String ids = payload.substring(colon + 1);
        if (ids.equals("*")) {
            return new RenderedNotice(lastSeq, null);
        }
        return new RenderedNotice(lastSeq, ids.isEmpty() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(ids.split(","))));
    }
}
