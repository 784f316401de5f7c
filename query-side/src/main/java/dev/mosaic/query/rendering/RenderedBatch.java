package dev.mosaic.query.rendering;

import dev.mosaic.query.api.AgentConfig;
import java.util.Map;
import java.util.Set;

/**
 * A committed render batch, handed to this node's delivery without a round trip through the database:
 * {@code batch} numbers batches across nodes (strictly increasing), {@code lastSeq} is the newest event position
 * rendered so far, {@code agents} maps every agent the batch touched to what it serves now (null: removed);
 * {@code held}: agents whose new version the rollout policy holds back, served what they had (re-read, not given).
 */
public record RenderedBatch(long batch, long lastSeq, Map<String, AgentConfig> agents, Set<String> held) {

    /** Told of each batch this node commits, after the commit. */
    public interface Listener {
        void rendered(RenderedBatch batch);
    }
}
