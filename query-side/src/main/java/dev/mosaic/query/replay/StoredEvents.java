package dev.mosaic.query.replay;

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

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Every stored event in global order, read in pages straight from Axon's {@code domain_event_entry} and
 * deserialised with its event serializer: what the JPA storage engine gives, without an entity per row.
 */
@Component
class StoredEvents {
    static final int PAGE = 5000;
    private final JdbcClient jdbc;
    private final Serializer serializer;

    StoredEvents(JdbcClient jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    long head() {
        return jdbc.sql("select coalesce(max(global_index), 0) from domain_event_entry").query(Long.class).single();
    }

    void readAll(Consumer<TrackedEventMessage<?>> consumer) {
        long[] from = {-1};
        int[] count = new int[1];
        do {
            count[0] = 0;
            jdbc.sql("""
                            select global_index, event_identifier, type, aggregate_identifier, sequence_number,
                                   time_stamp, payload_type, payload_revision, payload, meta_data
                            from domain_event_entry where global_index > ? order by global_index limit ?""")
                    .params(from[0], PAGE)
                    .query(rs -> {
                        long seq = rs.getLong(1);
                        Object payload = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(9),
                                byte[].class, rs.getString(7), rs.getString(8)));
                        byte[] meta = rs.getBytes(10);
                        MetaData metaData = meta == null ? MetaData.emptyInstance()
                                : serializer.deserialize(new SerializedMetaData<>(meta, byte[].class));
                        Instant at = Instant.parse(rs.getString(6));
                        consumer.accept(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(seq),
                                rs.getString(3), rs.getString(4), rs.getLong(5),
                                new GenericMessage<>(rs.getString(2), payload, metaData), () -> at));
                        from[0] = seq;
                        count[0]++;
                    });
        } while (count[0] == PAGE);
    }
}
