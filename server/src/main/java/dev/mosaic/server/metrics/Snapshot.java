package dev.mosaic.server.metrics;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * One value computed at most once per {@code ttlMillis}: the gauges of one scrape read one pass over the fleet
 * (or one query) between them, however many gauges share it.
 */
final class Snapshot<T> implements Supplier<T> {
    private final Supplier<T> compute;
    private final long ttlMillis;
    private final Clock clock;
    private T value;
    private long takenAt = Long.MIN_VALUE;

    Snapshot(Supplier<T> compute, long ttlMillis, Clock clock) {
        this.compute = compute;
        this.ttlMillis = ttlMillis;
        this.clock = clock;
    }

    @Override
    public synchronized T get() {
        long now = clock.millis();
        if (value == null || now - takenAt >= ttlMillis) {
            value = compute.get();
            takenAt = now;
        }
        return value;
    }
}
