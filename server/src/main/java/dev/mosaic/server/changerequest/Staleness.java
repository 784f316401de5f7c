package dev.mosaic.server.changerequest;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which entities an operation touches (the aggregates its trial run stored events for) and whether each changed
 * after the seq the request was based on: changes elsewhere do not make it stale.
 */
@Component
class Staleness {
    private static final Map<String, String> ENTITY_TYPES = Map.of("LlmProvider", "provider", "Agent", "agent",
            "Installation", "installation");
    private final JdbcClient jdbc;

    Staleness(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record TouchedEntity(String entityType, String entityId, String name, boolean stale) {
    }

    List<TouchedEntity> touched(List<EventMessage<?>> events, long baseSeq) {
        Map<String, String> aggregates = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && domain.getType() != null) {
                aggregates.putIfAbsent(domain.getAggregateIdentifier(),
                        ENTITY_TYPES.getOrDefault(domain.getType(), domain.getType().toLowerCase()));
            }
        }
        return aggregates.entrySet().stream().map(entry -> new TouchedEntity(entry.getValue(), entry.getKey(),
                name(entry.getKey()), changedAfter(entry.getKey(), baseSeq))).toList();
    }

    private boolean changedAfter(String aggregateId, long baseSeq) {
        return jdbc.sql("select exists (select 1 from domain_event_entry where aggregate_identifier = ? and global_index > ?)")
                .params(aggregateId, baseSeq).query(Boolean.class).single();
    }

    private String name(String entityId) {
        return jdbc.sql("select entity_name from audit_entry where entity_id = ? and entity_name is not null order by seq desc limit 1")
                .param(entityId).query(String.class).optional().orElse(entityId);
    }
}
