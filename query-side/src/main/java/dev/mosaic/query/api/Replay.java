package dev.mosaic.query.api;

import java.util.function.LongConsumer;

/** Rebuilding every view from the event store, while commands wait. */
public interface Replay {
    /**
     * Replays every stored event into freshly emptied views; tells {@code progress} the count now and then.
     * Returns how many events were replayed.
     */
    long replayAll(LongConsumer progress);

    default long replayAll() {
        return replayAll(count -> {
        });
    }

    /**
     * Called first in every command's transaction: waits while a replay runs on any node, and keeps a replay from
     * starting until that transaction ends.
     */
    void holdOffReplayInThisTransaction();
}
