package dev.mosaic.query.audit;

import dev.mosaic.query.api.FieldChange;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.events.meta.AuditMetadata;
import dev.mosaic.query.common.CopyRows;
import dev.mosaic.query.common.JsonColumns;
import dev.mosaic.query.common.TableRebuild;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One {@code audit_entry} row per event, with a field diff against the entity's previous state. */
@Component
@ProcessingGroup("audit-log")
public class AuditProjection {
    private static final TypeReference<Map<String, Object>> STATE = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonColumns json;
    private final ObjectMapper mapper;

    AuditProjection(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonColumns json, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
        this.mapper = mapper;
    }

    @EventHandler
    void on(Object event, EventMessage<?> message) {
        AuditSubject.of(event).ifPresent(subject -> record(event, message, subject));
    }

    private void record(Object event, EventMessage<?> message, AuditSubject subject) {
        Object[] row = row(event, message, subject, globalIndex(message), (type, id) ->
                jdbc.sql("select state from audit_entity_state where entity_type = ? and entity_id = ?")
                        .params(type, id).query(String.class).optional().orElse(null),
                (type, id, state) -> jdbc.sql(UPSERT_STATE).params(type, id, state).update());
        jdbc.sql(INSERT_ENTRY).params(row).update();
    }

    private static final String UPSERT_STATE = """
            insert into audit_entity_state (entity_type, entity_id, state) values (?, ?, ?::jsonb)
            on conflict (entity_type, entity_id) do update set state = excluded.state""";
    private static final String INSERT_ENTRY = """
            insert into audit_entry (seq, at, actor_id, actor_name, entity_type, entity_id, entity_name,
                                     event_type, summary, changes, correlation_id, client_address)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""";

    private static final String COPY_ENTRIES = """
            copy %s (seq, at, actor_id, actor_name, entity_type, entity_id, entity_name, event_type, summary,
                              changes, correlation_id, client_address) from stdin (format csv)""";

    interface StateReader {
        String read(String entityType, String entityId);
    }

    interface StateWriter {
        void write(String entityType, String entityId, String state);
    }

    /** The parameters of the event's {@code audit_entry} row; reads and writes the entity's state as JSON text. */
    private Object[] row(Object event, EventMessage<?> message, AuditSubject subject, long seq, StateReader states,
                         StateWriter newStates) {
        String stored = states.read(subject.entityType(), subject.entityId());
        Map<String, Object> before = stored == null ? Map.of() : json.read(stored, STATE);
        Map<String, Object> fields = FieldDiff.fieldsOf(event, subject.idField(), mapper);
        List<FieldChange> changes = FieldDiff.diff(before, fields);
        Map<String, Object> after = FieldDiff.apply(before, fields);
        String entityName = entityName(after);
        newStates.write(subject.entityType(), subject.entityId(), json.write(after));
        Map<String, ?> meta = message.getMetaData();
        String actorId = text(meta.get(AuditMetadata.ACTOR), "system");
        String actorName = text(meta.get(AuditMetadata.ACTOR_NAME), actorId);
        String summary = summary(subject, after) + revertNote(meta) + changeRequestNote(meta);
        return new Object[]{seq, Timestamp.from(storedTime(message)), actorId, actorName,
                subject.entityType(), subject.entityId(), entityName, event.getClass().getSimpleName(),
                summary, json.write(changes), text(meta.get(AuditMetadata.CORRELATION_ID), null),
                text(meta.get(AuditMetadata.CLIENT_ADDRESS), null)};
    }

    /**
     * For a replay: the audit trail built anew in this transaction, with the same rows as the live handler. The
     * entity states are kept in memory and the rows loaded with COPY into a fresh table ({@link TableRebuild}) that
     * {@link Batch#finish()} swaps in, with the final states.
     */
    public Batch rebuild(int size) {
        return new Batch(size);
    }

    public final class Batch {
        private final int size;
        private final Map<String, String[]> states = new LinkedHashMap<>();
        private final List<Object[]> rows = new ArrayList<>();
        private final TableRebuild entries;

        private Batch(int size) {
            this.size = size;
            jdbc.sql("delete from audit_entity_state").update();
            this.entries = TableRebuild.begin(jdbc, "audit_entry");
        }

        public void on(Object event, EventMessage<?> message, long seq) {
            AuditSubject.of(event).ifPresent(subject -> {
                rows.add(row(event, message, subject, seq,
                        (type, id) -> {
                            String[] state = states.get(type + '\0' + id);
                            return state == null ? null : state[2];
                        },
                        (type, id, state) -> states.put(type + '\0' + id, new String[]{type, id, state})));
                if (rows.size() >= size) {
                    flush();
                }
            });
        }

        public void finish() {
            flush();
            entries.swap();
            List<Object[]> all = new ArrayList<>(states.values());
            for (int from = 0; from < all.size(); from += size) {
                jdbcTemplate.batchUpdate(UPSERT_STATE, all.subList(from, Math.min(all.size(), from + size)));
            }
            states.clear();
        }

        private void flush() {
            CopyRows.copy(jdbcTemplate, COPY_ENTRIES.formatted(entries.loadInto()), rows);
            rows.clear();
        }
    }

    /**
     * The event's position in the event store. A subscribing processor runs in the command's transaction,
     * after Axon's storage engine has flushed the event row, so the row is visible here.
     */
    private long globalIndex(EventMessage<?> message) {
        if (message instanceof TrackedEventMessage<?> tracked
                && tracked.trackingToken() instanceof GlobalSequenceTrackingToken token) {
            return token.getGlobalIndex();
        }
        return jdbc.sql("select global_index from domain_event_entry where event_identifier = ?")
                .param(message.getIdentifier()).query(Long.class).single();
    }

    /** The event store keeps milliseconds; a replay must produce the very same row. */
    private static Instant storedTime(EventMessage<?> message) {
        return message.getTimestamp().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A revert's events say what they restore and why: "(revert to #12: bad model)". */
    private static String revertNote(Map<String, ?> meta) {
        Object revertOf = meta.get(AuditMetadata.REVERT_OF);
        if (revertOf == null) {
            return "";
        }
        Object reason = meta.get(AuditMetadata.REVERT_REASON);
        return " (revert to #" + revertOf + (reason == null || reason.toString().isBlank() ? "" : ": " + reason) + ")";
    }

    /** An approved change request's events say whose it was and who approved it: "(change request 1a2b3c4d by alice, approved by bob)". */
    private static String changeRequestNote(Map<String, ?> meta) {
        Object id = meta.get(AuditMetadata.CHANGE_REQUEST);
        if (id == null) {
            return "";
        }
        String shortId = id.toString().length() > 8 ? id.toString().substring(0, 8) : id.toString();
        return " (change request " + shortId + " by " + meta.get(AuditMetadata.CHANGE_REQUEST_AUTHOR)
                + ", approved by " + meta.get(AuditMetadata.CHANGE_REQUEST_APPROVERS) + ")";
    }

    static String summary(AuditSubject subject, Map<String, Object> state) {
        String entityName = entityName(state);
        return (subject.label() + " " + (entityName == null ? "" : entityName + " ") + subject.action()).trim();
    }

    private static String entityName(Map<String, Object> state) {
        Object name = state.containsKey("name") ? state.get("name") : state.get("username");
        return name == null ? null : name.toString();
    }

    private static String text(Object value, String fallback) {
        return value == null ? fallback : value.toString();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from audit_entry").update();
        jdbc.sql("delete from audit_entity_state").update();
    }
}
