package dev.mosaic.query.audit;

import org.springframework.lang.Nullable;

import java.time.Instant;
import java.util.List;

/** One audited event: who changed what, when, field by field. */
record AuditEntry(long seq, Instant at, Actor actor, String entityType, String entityId, @Nullable String entityName,
                         String eventType, String summary, List<Change> changes) {
    public record Actor(String id, String name) {
    }

    /** {@code to} is "changed" for a secret, whose values are never shown. */
    public record Change(String field, @Nullable Object from, @Nullable Object to) {
    }
}
