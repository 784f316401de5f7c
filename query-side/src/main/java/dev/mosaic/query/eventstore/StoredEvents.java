package dev.mosaic.query.eventstore;

import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one reader of the event store's raw rows ({@code domain_event_entry}) in global order, in pages, each
 * payload deserialised with Axon's event serializer: what history and replay fold, without a JPA entity per row.
 */
@Component
public class StoredEvents {
    static final int PAGE = 5000;

    private final JdbcClient jdbc;
    private final Serializer serializer;

    StoredEvents(JdbcClient jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** One stored event: its global position, its aggregate and its version there, when, and the payload. */
    public final class Stored {
        private final long seq;
        private final String identifier;
        private final String aggregateType;
        private final String aggregateId;
        private final long version;
        private final Instant at;
        private final Object payload;
        private final byte[] metaData;

        private Stored(long seq, String identifier, String aggregateType, String aggregateId, long version, Instant at,
                       Object payload, byte[] metaData) {
            this.seq = seq;
            this.identifier = identifier;
            this.aggregateType = aggregateType;
            this.aggregateId = aggregateId;
            this.version = version;
            this.at = at;
            this.payload = payload;
            this.metaData = metaData;
        }

        public long seq() {
            return seq;
        }

        public String aggregateId() {
            return aggregateId;
        }

        /** The event's sequence number in its aggregate: the entity's version after it. */
        public long version() {
            return version;
        }

        public Instant at() {
            return at;
        }

        public Object payload() {
            return payload;
        }

        /** The event as Axon's handlers see it, with its metadata (deserialised only when asked for). */
        public TrackedEventMessage<?> message() {
            MetaData meta = metaData == null ? MetaData.emptyInstance()
                    : serializer.deserialize(new SerializedMetaData<>(metaData, byte[].class));
            return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(seq), aggregateType,
                    aggregateId, version, new GenericMessage<>(identifier, payload, meta), () -> at);
        }
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

    /** The newest event's position (0 when the store is empty). */
    public long head() {
        return Math.max(0, bounds().newest());
    }

    /** How many events are stored with {@code after < seq <= upTo}. */
    public long countIn(long after, long upTo) {
        return jdbc.sql("select count(*) from domain_event_entry where global_index > ? and global_index <= ?")
                .params(after, upTo).query(Long.class).single();
    }

    /** The last event at or before {@code instant}. */
    public Optional<Long> seqAt(Instant instant) {
        return jdbc.sql("select max(global_index) from domain_event_entry where time_stamp::timestamptz <= ?")
                .param(Timestamp.from(instant)).query(Long.class).optional();
    }

    /** When the last event at or before {@code seq} was stored. */
    public Optional<Instant> timeOf(long seq) {
        return jdbc.sql("select time_stamp from domain_event_entry where global_index <= ? order by global_index desc limit 1")
                .param(seq).query(String.class).optional().map(Instant::parse);
    }

    /** Every event, in order. */
    public void readAll(Consumer<Stored> consumer) {
        read(-1, Long.MAX_VALUE, consumer);
    }

    /** Every event with {@code after < seq <= upTo}, in order. */
    public void read(long after, long upTo, Consumer<Stored> consumer) {
        long from = after;
        while (from < upTo) {
            long[] last = {from};
            int[] count = {0};
            jdbc.sql("""
                            select global_index, event_identifier, type, aggregate_identifier, sequence_number,
                                   time_stamp, payload_type, payload_revision, payload, meta_data
                            from domain_event_entry where global_index > ? and global_index <= ?
                            order by global_index limit ?""")
                    .params(from, upTo, PAGE)
                    .query(rs -> {
                        long seq = rs.getLong(1);
                        Object payload = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(9),
                                byte[].class, rs.getString(7), rs.getString(8)));
                        consumer.accept(new Stored(seq, rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5), Instant.parse(rs.getString(6)), payload, rs.getBytes(10)));
                        last[0] = seq;
                        count[0]++;
                    });
            if (count[0] < PAGE) {
                return;
            }
            from = last[0];
        }
    }
}
