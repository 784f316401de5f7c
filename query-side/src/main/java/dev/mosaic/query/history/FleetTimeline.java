package dev.mosaic.query.history;

import dev.mosaic.query.common.JsonColumns;
import dev.mosaic.query.eventstore.StoredEvents;
import dev.mosaic.query.fleet.Fleet;
import dev.mosaic.query.api.FleetHistory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The fleet's configuration at any position of the event store. Folding 200,000 events per request would be
 * far too slow, so the fold starts from the nearest earlier snapshot ({@code history_snapshot}, one every
 * {@link #SNAPSHOT_EVERY} events, written the first time a fold passes that position) or from the newest state
 * this node already folded, whichever is closer. Snapshots are derived data: they can be deleted at any time.
 */
@Component
class FleetTimeline implements FleetHistory {
    static final int SNAPSHOT_EVERY = 1000;
    /** A position is snapshotted only once its events are this old, so no slower transaction can still fill a gap below it. */
    private static final Duration SETTLED = Duration.ofSeconds(30);

    private final StoredEvents events;
    private final Positions positions;
    private final JdbcClient jdbc;
    private final JsonColumns json;
    private static final long GAP_WINDOW = 2000;

    private volatile Head head = new Head(new Fleet(), 0);

    /** The newest state folded here, and how many events lay in the window below it then. */
    private record Head(Fleet state, long window) {
    }

    FleetTimeline(StoredEvents events, Positions positions, JdbcClient jdbc, JsonColumns json) {
        this.events = events;
        this.positions = positions;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Fleet at(long seq) {
        return fold(positions.check(seq));
    }

    /** The state right after the event at {@code seq}, a position known to be stored (a copy the caller may change). */
    Fleet fold(long seq) {
        Fleet state = start(seq);
        Instant settled = Instant.now().minus(SETTLED);
        long[] lastSnapshot = {state.seq()};
        events.read(state.seq(), seq, event -> {
            // every event below this one is in the state: a snapshot at the last boundary before it is complete
            long boundary = (event.seq() - 1) / SNAPSHOT_EVERY * SNAPSHOT_EVERY;
            if (boundary > lastSnapshot[0] && boundary > 0 && event.at().isBefore(settled)) {
                long at = state.seq();
                state.position(boundary, state.at());
                save(state);
                state.position(at, state.at());
                lastSnapshot[0] = boundary;
            }
            state.apply(event.payload(), event.version());
            state.position(event.seq(), event.at());
        });
        state.position(seq, events.timeOf(seq).orElse(state.at()));
        if (seq >= head.state().seq()) {
            head = new Head(state.copy(), events.countIn(seq - GAP_WINDOW, seq));
        }
        return state;
    }

    @Override
    public Fleet now() {
        StoredEvents.Bounds bounds = events.bounds();
        return bounds.isEmpty() ? new Fleet() : fold(bounds.newest());
    }

    private Fleet start(long seq) {
        Head cachedHead = head;
        Fleet cached = cachedHead.state();
        Optional<Long> snapshotSeq = jdbc.sql("select max(seq) from history_snapshot where seq <= ?").param(seq)
                .query(Long.class).optional();
        // a transaction that committed late may have filled a gap below the cached position since it was folded
        long usable = cached.seq() <= seq && events.countIn(cached.seq() - GAP_WINDOW, cached.seq()) == cachedHead.window()
                ? cached.seq() : -1;
        if (snapshotSeq.isPresent() && snapshotSeq.get() > usable) {
            return load(snapshotSeq.get());
        }
        return usable >= 0 ? cached.copy() : new Fleet();
    }

    private Fleet load(long seq) {
        byte[] bytes = jdbc.sql("select state from history_snapshot where seq = ?").param(seq).query(byte[].class).single();
        return Fleet.of(json.read(bytes, Fleet.Snapshot.class));
    }

    private void save(Fleet state) {
        jdbc.sql("insert into history_snapshot (seq, state) values (?, ?) on conflict do nothing")
                .params(state.seq(), json.writeBytes(state.snapshot())).update();
    }
}
