package dev.mosaic.query.history;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads the event store in global order, straight from its table (no tracking token, no projection). */
@Component
class EventHistory {
    private static final int BATCH = 2000;

    private final JdbcClient jdbc;
    private final Serializer serializer;

    EventHistory(JdbcClient jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** One stored event: its global position, its aggregate and its version there, when, and the payload. */
    public record Stored(long seq, String aggregateId, long version, Instant at, Object payload) {
    }

    public record Bounds(long first, long newest) {
        public boolean isEmpty() {
            return newest < first;
        }
    }

    public Bounds bounds() {
        return jdbc.sql("select coalesce(min(global_index), 0), coalesce(max(global_index), -1) from domain_event_entry")
                .query((rs, n) -> new Bounds(rs.getLong(1), rs.getLong(2))).single();
    }

    /** How many events are stored with {@code after < seq <= upTo}. */
    public long countIn(long after, long upTo) {
        return jdbc.sql("select count(*) from domain_event_entry where global_index > ? and global_index <= ?")
                .params(after, upTo).query(Long.class).single();
    }

    /** The last event at or before {@code instant}. */
    public Optional<Long> seqAt(Instant instant) {
        return jdbc.sql("select max(global_index) from domain_event_entry where time_stamp::timestamptz <= ?")
                .param(java.sql.Timestamp.from(instant)).query(Long.class).optional();
    }

    /** When the last event at or before {@code seq} was stored. */
    public Optional<Instant> timeOf(long seq) {
        return jdbc.sql("select time_stamp from domain_event_entry where global_index <= ? order by global_index desc limit 1")
                .param(seq).query(String.class).optional().map(Instant::parse);
    }

    /** Every event with {@code after < seq <= upTo}, in order. */
    public void read(long after, long upTo, Consumer<Stored> consumer) {
        long from = after;
        while (from < upTo) {
            long[] last = {from};
            int[] count = {0};
            jdbc.sql("""
                            select global_index, aggregate_identifier, sequence_number, time_stamp, payload_type,
                                   payload_revision, payload
                            from domain_event_entry where global_index > ? and global_index <= ?
                            order by global_index limit ?""")
                    .params(from, upTo, BATCH)
                    .query(rs -> {
                        long seq = rs.getLong(1);
                        Object payload = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(7),
                                byte[].class, rs.getString(5), rs.getString(6)));
                        consumer.accept(new Stored(seq, rs.getString(2), rs.getLong(3), Instant.parse(rs.getString(4)),
                                payload));
                        last[0] = seq;
                        count[0]++;
                    });
            if (count[0] < BATCH) {
                return;
            }
            from = last[0];
        }
    }
}
