package dev.mosaic.query.audit;

import dev.mosaic.query.api.FieldChange;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.util.List;

/** One audited event: who changed what, when, field by field. */
record AuditEntry(long seq, Instant at, Actor actor, String entityType, String entityId, @Nullable String entityName,
           String eventType, String summary, List<FieldChange> changes) {
    public record Actor(String id, String name) {
    }
}
