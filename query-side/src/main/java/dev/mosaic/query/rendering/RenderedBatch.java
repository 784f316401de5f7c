package dev.mosaic.query.rendering;

import dev.mosaic.query.api.AgentConfig;
import java.util.Map;

/**
 * A committed render batch, handed to this node's delivery without a round trip through the database:
 * {@code batch} numbers batches across nodes (strictly increasing), {@code lastSeq} is the newest event position
 * rendered so far, {@code agents} maps every agent the batch touched to what it serves now (null: removed).
 */
public record RenderedBatch(long batch, long lastSeq, Map<String, AgentConfig> agents) {

    /** Told of each batch this node commits, after the commit. */
    public interface Listener {
        void rendered(RenderedBatch batch);
    }
}
