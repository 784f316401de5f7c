package dev.mosaic.query.audit;

import dev.mosaic.query.api.ChangePreview.EventDescription;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.query.common.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How events that are not stored (a dry-run, a revert plan) would read in the audit log: the same summary and
 * field changes the audit projection writes, computed against the audit's current entity states, without
 * writing anything.
 */
@Component
public class AuditDescriptions {
    private static final TypeReference<Map<String, Object>> STATE = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final ObjectMapper mapper;

    AuditDescriptions(JdbcClient jdbc, JsonColumns json, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.json = json;
        this.mapper = mapper;
    }

    public List<EventDescription> describe(List<?> events) {
        Map<String, Map<String, Object>> states = new HashMap<>();
        List<EventDescription> descriptions = new ArrayList<>();
        for (Object event : events) {
            AuditSubject.of(event).ifPresent(subject -> {
                String key = subject.entityType() + "/" + subject.entityId();
                Map<String, Object> before = states.computeIfAbsent(key, k -> stored(subject));
                Map<String, Object> fields = FieldDiff.fieldsOf(event, subject.idField(), mapper);
                Map<String, Object> after = FieldDiff.apply(before, fields);
                states.put(key, after);
                descriptions.add(new EventDescription(event.getClass().getSimpleName(),
                        AuditProjection.summary(subject, after), FieldDiff.diff(before, fields)));
            });
        }
        return descriptions;
    }

    private Map<String, Object> stored(AuditSubject subject) {
        return jdbc.sql("select state from audit_entity_state where entity_type = ? and entity_id = ?")
                .params(subject.entityType(), subject.entityId()).query(String.class).optional()
                .map(s -> json.read(s, STATE)).orElse(Map.of());
    }
}
