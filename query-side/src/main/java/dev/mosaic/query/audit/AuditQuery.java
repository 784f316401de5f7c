package dev.mosaic.query.audit;

import dev.mosaic.query.api.FieldChange;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.mosaic.query.api.Items;
import dev.mosaic.query.common.JsonColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the audit log newest first, filtered, in pages keyed by sequence number. */
@Component
class AuditQuery {
    private static final TypeReference<List<FieldChange>> CHANGES = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final JsonColumns json;

    AuditQuery(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record Filter(String entityType, String entityId, String actor, Instant from, Instant to, Long before,
                         int limit) {
    }

    public Items<AuditEntry> find(Filter filter) {
        StringBuilder sql = new StringBuilder("select * from audit_entry where true");
        List<Object> params = new ArrayList<>();
        if (filter.entityType() != null) {
            sql.append(" and entity_type = ?");
            params.add(filter.entityType());
        }
        if (filter.entityId() != null) {
            sql.append(" and (entity_id = ? or entity_name = ?)");
            params.add(filter.entityId());
            params.add(filter.entityId());
        }
        if (filter.actor() != null) {
            sql.append(" and (actor_id = ? or actor_name = ?)");
            params.add(filter.actor());
            params.add(filter.actor());
        }
        if (filter.from() != null) {
            sql.append(" and at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" and at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        if (filter.before() != null) {
            sql.append(" and seq < ?");
            params.add(filter.before());
        }
        sql.append(" order by seq desc limit ?");
        params.add(filter.limit() + 1);
        List<AuditEntry> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> new AuditEntry(
                rs.getLong("seq"), rs.getTimestamp("at").toInstant(),
                new AuditEntry.Actor(rs.getString("actor_id"), rs.getString("actor_name")),
                rs.getString("entity_type"), rs.getString("entity_id"), rs.getString("entity_name"),
                rs.getString("event_type"), rs.getString("summary"), json.read(rs.getString("changes"), CHANGES)))
                .list();
        if (rows.size() <= filter.limit()) {
            return Items.of(rows);
        }
        List<AuditEntry> page = rows.subList(0, filter.limit());
        return new Items<>(List.copyOf(page), Long.toString(page.get(page.size() - 1).seq()));
    }
}
