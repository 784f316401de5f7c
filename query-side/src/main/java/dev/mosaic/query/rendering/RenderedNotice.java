package dev.mosaic.query.rendering;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code NOTIFY} payload a renderer sends when a batch commits: the batch number, the newest event position
 * rendered, the node that rendered it, and the agents to re-read (null: too many to name within PostgreSQL's
 * 8000-byte payload, re-read all).
 */
public record RenderedNotice(long batch, long lastSeq, String node, Set<String> agentIds) {
    public static final String CHANNEL = "mosaic_agent_config";
    private static final int MAX_PAYLOAD = 7900;

    public String encode() {
        String head = batch + ":" + lastSeq + ":" + node + ":";
        String payload = head + (agentIds == null ? "*" : String.join(",", agentIds));
        return payload.length() <= MAX_PAYLOAD ? payload : head + "*";
    }

    public static RenderedNotice parse(String payload) {
        String[] parts = payload.split(":", 4);
        String ids = parts[3];
        Set<String> agentIds = ids.equals("*") ? null
                : ids.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(ids.split(",")));
        return new RenderedNotice(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2], agentIds);
    }
}
