package dev.mosaic.server.replay;

import dev.mosaic.query.api.Replay;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query-side view, rebuilt from the event store alone, equals the view the live projections built;
 * agent configs keep their versions and history: a re-render with the same bytes appends nothing.
 */
class ProjectionReplayTest extends IntegrationTest {
    private static final Map<String, String> VIEWS = Map.of(
            "provider_view", "provider_id",
            "agent_view", "agent_id",
            "breakglass_credential", "user_id",
            "installation_view", "id",
            "audit_entry", "seq",
            "audit_entity_state", "entity_type, entity_id",
            "agent_config_version", "agent_id, version",
            "agent_applied", "agent_id",
            "agent_served", "agent_id",
            "api_token", "token_id");

    @Autowired
    Replay replay;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void replayingFromZeroRebuildsEveryViewIdentically() {
        String providerId = createProvider(unique("replay"), "m1", "m2");
        String agent = unique("replay-agent");
        createAgent(agent, providerId, "m1");
        admin.patch("/api/agents/" + agent, Map.of("displayName", "Renamed", "fallbacks",
                List.of(Map.of("providerId", providerId, "model", "m2"))));
        admin.put("/api/providers/" + providerId + "/api-key", Map.of("apiKey", "sk-new"));
        String removed = createProvider(unique("replay-gone"), "x");
        admin.delete("/api/providers/" + removed);
        admin.post("/api/tokens", Map.of("name", unique("replay-kept"), "role", "AUDITOR"));
        var revoked = admin.post("/api/tokens", Map.of("name", unique("replay-revoked"), "role", "ADMIN"));
        dev.mosaic.server.testing.LogScan.plant(revoked.json().get("token").asText());
        admin.delete("/api/tokens/" + revoked.json().get("id").asText());
        Map<String, List<Map<String, Object>>> before = snapshot();
        assertThat(before.get("audit_entry")).isNotEmpty();
        List<String> auditSchema = schemaOf("audit_entry");

        long events = replay.replayAll();

        assertThat(events).isPositive();
        assertThat(snapshot()).isEqualTo(before);
        // the audit trail is rebuilt in a fresh table that takes the old one's place: same indexes and constraints
        assertThat(schemaOf("audit_entry")).isEqualTo(auditSchema).anyMatch(def -> def.contains("PRIMARY KEY (seq)"))
                .anyMatch(def -> def.contains("(entity_type, entity_id, seq DESC)"));
        assertThat(jdbc.queryForObject("select to_regclass('audit_entry_rebuild') is null", Boolean.class)).isTrue();
    }

    private List<String> schemaOf(String table) {
        return jdbc.queryForList("""
                select pg_get_indexdef(indexrelid) from pg_index where indrelid = ?::regclass
                union all select conname || ' ' || pg_get_constraintdef(oid) from pg_constraint where conrelid = ?::regclass
                union all select column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
                          from information_schema.columns where table_name = ?
                order by 1""", String.class, table, table, table);
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        Map<String, List<Map<String, Object>>> views = new LinkedHashMap<>();
        VIEWS.forEach((table, key) -> views.put(table,
                jdbc.queryForList("select to_jsonb(t)::text as row from " + table + " t order by " + key)
                        .stream().map(row -> (Map<String, Object>) new LinkedHashMap<>(row)).toList()));
        return views;
    }
}
