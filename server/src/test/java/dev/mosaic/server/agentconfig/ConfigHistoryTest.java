package dev.mosaic.server.agentconfig;

import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rendered version is kept, encrypted, with the range of event positions that produced it. */
class ConfigHistoryTest extends IntegrationTest {

    @Test
    void eachVersionIsKeptAndNamesTheEventsThatProducedIt() {
        String providerId = createProvider(unique("history"), "m1", "m2");
        String agent = unique("history-agent");
        createAgent(agent, providerId, "m1");
        String agentId = admin.get("/api/agents/" + agent).json().get("id").asText();
        admin.patch("/api/agents/" + agent, Map.of("displayName", "Only the name"));
        admin.put("/api/agents/" + agent + "/model", Map.of("providerId", providerId, "primaryModel", "m2",
                "fallbacks", List.of()));
        admin.patch("/api/agents/" + agent, Map.of("personality", "You are terse."));

        List<Map<String, Object>> versions = database.queryForList("""
                select version, etag, document, soul, first_seq, last_seq, rendered_at
                from agent_config_version where agent_id = ? order by version""", agentId);

        assertThat(versions).extracting(v -> v.get("version")).containsExactly(1L, 2L, 3L);
        // the registration assigns the first model too; the reassignment is the newest such event
        long modelSeq = database.queryForObject("""
                select max(seq) from audit_entry where entity_id = ? and event_type = 'AgentModelAssigned'""",
                Long.class, agentId);
        assertThat(versions.get(1).get("first_seq")).isEqualTo(modelSeq);
        assertThat(versions.get(1).get("last_seq")).isEqualTo(modelSeq);
        versions.forEach(v -> {
            assertThat(v.get("document").toString()).startsWith("enc:v1:").doesNotContain("sk-");
            assertThat(v.get("etag").toString()).hasSize(64);
            assertThat(v.get("rendered_at")).isNotNull();
        });
        assertThat(versions.get(0).get("soul")).isNull();
        assertThat(versions.get(2).get("soul").toString()).startsWith("enc:v1:").doesNotContain("terse");
    }
}
