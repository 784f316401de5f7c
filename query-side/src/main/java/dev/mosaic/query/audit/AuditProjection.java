package dev.mosaic.query.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.events.meta.AuditMetadata;
import dev.mosaic.query.common.JsonColumns;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** One {@code audit_entry} row per event, with a field diff against the entity's previous state. */
@Component
@ProcessingGroup("audit-log")
public class AuditProjection {
    private static final TypeReference<Map<String, Object>> STATE = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final ObjectMapper mapper;

    AuditProjection(JdbcClient jdbc, JsonColumns json, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.json = json;
        this.mapper = mapper;
    }

    @EventHandler
    void on(Object event, EventMessage<?> message) {
        AuditSubject.of(event).ifPresent(subject -> record(event, message, subject));
    }

    private void record(Object event, EventMessage<?> message, AuditSubject subject) {
        Map<String, Object> before = jdbc.sql("select state from audit_entity_state where entity_type = ? and entity_id = ?")
                .params(subject.entityType(), subject.entityId()).query(String.class).optional()
                .map(s -> json.read(s, STATE)).orElse(Map.of());
        Map<String, Object> fields = FieldDiff.fieldsOf(event, subject.idField(), mapper);
        List<AuditEntry.Change> changes = FieldDiff.diff(before, fields);
        Map<String, Object> after = FieldDiff.apply(before, fields);
        String entityName = entityName(after);
        jdbc.sql("""
                        insert into audit_entity_state (entity_type, entity_id, state) values (?, ?, ?::jsonb)
                        on conflict (entity_type, entity_id) do update set state = excluded.state""")
                .params(subject.entityType(), subject.entityId(), json.write(after)).update();
        Map<String, ?> meta = message.getMetaData();
        String actorId = text(meta.get(AuditMetadata.ACTOR), "system");
        String actorName = text(meta.get(AuditMetadata.ACTOR_NAME), actorId);
        String summary = summary(subject, after) + revertNote(meta);

        jdbc.sql("""
                        insert into audit_entry (seq, at, actor_id, actor_name, entity_type, entity_id, entity_name,
                                                 event_type, summary, changes, correlation_id, client_address)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")
                .params(globalIndex(message), Timestamp.from(storedTime(message)), actorId, actorName,
                        subject.entityType(), subject.entityId(), entityName, event.getClass().getSimpleName(),
                        summary, json.write(changes), text(meta.get(AuditMetadata.CORRELATION_ID), null),
                        text(meta.get(AuditMetadata.CLIENT_ADDRESS), null))
                .update();
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
