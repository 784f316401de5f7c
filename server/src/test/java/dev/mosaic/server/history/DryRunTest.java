package dev.mosaic.server.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ?dryRun=true}: the same checks and statuses as the real write, the events and config changes it would make, nothing stored. */
class DryRunTest extends IntegrationTest {
    private static final List<String> TABLES = List.of("domain_event_entry", "audit_entry", "name_claim",
            "lookup_agent_model", "provider_view", "agent_view", "agent_config_version", "render_request");

    @Autowired
    JdbcClient jdbc;

    @Test
    void aProviderKeyChangeListsEveryAgentThatWouldGetANewConfigAndStoresNothing() {
        String provider = unique("dry");
        String providerId = createProvider(provider, "m1");
        String a = unique("dry");
        String b = unique("dry");
        createAgent(a, providerId, "m1");
        createAgent(b, providerId, "m1");
        long versionA = status(a);
        String before = counts();

        Api.Response preview = admin.put("/api/providers/" + providerId + "/api-key?dryRun=true", Map.of("apiKey", "sk-new"));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        JsonNode body = preview.json();
        assertThat(body.get("dryRun").asBoolean()).isTrue();
        assertThat(body.get("events")).hasSize(1);
        assertThat(body.at("/events/0/type").asText()).isEqualTo("ProviderApiKeyRotated");
        assertThat(body.at("/events/0/summary").asText()).isEqualTo("Provider " + provider + " api key rotated");
        assertThat(body.at("/events/0/changes/0/field").asText()).isEqualTo("apiKey");
        assertThat(body.at("/events/0/changes/0/to").asText()).isEqualTo("changed");
        assertThat(body.get("agents")).extracting(n -> n.get("name").asText()).containsExactlyInAnyOrder(a, b);
        for (JsonNode agent : body.get("agents")) {
            assertThat(agent.get("versionWouldMove").asBoolean()).isTrue();
            assertThat(agent.get("currentVersion").asLong()).isEqualTo(agent.get("name").asText().equals(a) ? versionA : status(b));
            assertThat(agent.get("changes")).hasSize(1);
            JsonNode change = agent.get("changes").get(0);
            assertThat(change.get("path").asText()).isEqualTo("/models/providers/" + provider + "/apiKey");
            assertThat(change.get("op").asText()).isEqualTo("changed");
            assertThat(change.get("from").asText()).matches("secret:[0-9a-f]{12}");
            assertThat(change.get("to").asText()).matches("secret:[0-9a-f]{12}").isNotEqualTo(change.get("from").asText());
        }
        assertThat(preview.body()).doesNotContain("sk-new").doesNotContain("sk-" + provider);
        assertThat(counts()).isEqualTo(before);
        assertThat(status(a)).isEqualTo(versionA);

        Api.Response real = admin.put("/api/providers/" + providerId + "/api-key", Map.of("apiKey", "sk-new"));
        assertThat(real.status()).isEqualTo(200);
        assertThat(status(a)).isEqualTo(versionA + 1);
    }

    @Test
    void aDryRunAnswersTheSameErrorsAsTheRealWrite() {
        String providerId = createProvider(unique("dry"), "m1");
        String agent = unique("dry");
        createAgent(agent, providerId, "m1");
        String before = counts();
        Map<String, Object> sameName = Map.of("name", agent, "displayName", "x", "gatewayUrl", "http://127.0.0.1:1",
                "providerId", providerId, "primaryModel", "m1");
        assertThat(admin.post("/api/agents?dryRun=true", sameName).status()).isEqualTo(409);
        Api.Response invalid = admin.put("/api/agents/" + agent + "/model?dryRun=true",
                Map.of("providerId", providerId, "primaryModel", "nope"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors")).isNotEmpty();
        assertThat(admin.patch("/api/agents/" + agent + "?dryRun=true", Map.of("role", "x"), "If-Match", "\"99\"").status())
                .isEqualTo(412);
        assertThat(admin.delete("/api/agents/" + unique("nobody") + "?dryRun=true").status()).isEqualTo(404);
        assertThat(admin.delete("/api/providers/" + providerId + "?dryRun=true").status()).isEqualTo(409);
        assertThat(admin.patch("/api/agents/" + agent + "?dryRun=maybe", Map.of("role", "x")).status()).isEqualTo(400);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aDryRunOfACreationClaimsNoNameAndAnAgentPreviewShowsItsFirstConfig() {
        String providerName = unique("dry");
        Map<String, Object> provider = Map.of("name", providerName, "displayName", "D", "type", "openai",
                "apiKey", "sk-x", "models", List.of(Map.of("id", "m1")));
        String before = counts();
        Api.Response preview = admin.post("/api/providers?dryRun=true", provider);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().at("/events/0/type").asText()).isEqualTo("ProviderRegistered");
        assertThat(preview.json().get("agents")).isEmpty();
        assertThat(counts()).isEqualTo(before);
        String providerId = admin.post("/api/providers", provider).json().get("id").asText();

        String agent = unique("dry");
        before = counts();
        Api.Response agentPreview = admin.post("/api/agents?dryRun=true", Map.of("name", agent, "displayName", agent,
                "gatewayUrl", "http://127.0.0.1:18789", "providerId", providerId, "primaryModel", "m1",
                "personality", "Be brief."));
        assertThat(agentPreview.status()).as(agentPreview.body()).isEqualTo(200);
        JsonNode body = agentPreview.json();
        assertThat(body.get("events")).extracting(e -> e.get("type").asText())
                .containsExactly("AgentRegistered", "AgentModelAssigned", "AgentPersonalityChanged");
        assertThat(body.at("/agents/0/name").asText()).isEqualTo(agent);
        assertThat(body.at("/agents/0/currentVersion").isNull()).isTrue();
        assertThat(body.at("/agents/0/versionWouldMove").asBoolean()).isTrue();
        assertThat(body.at("/agents/0/changes/0/path").asText()).isEmpty();
        assertThat(body.at("/agents/0/changes/0/op").asText()).isEqualTo("added");
        assertThat(body.at("/agents/0/changes/0/to/gateway/auth/token").asText()).matches("secret:[0-9a-f]{12}");
        assertThat(counts()).isEqualTo(before);
        assertThat(admin.get("/api/agents/" + agent).status()).isEqualTo(404);
    }

    private long status(String agent) {
        return admin.get("/api/agents/" + agent + "/status").json().get("currentVersion").asLong();
    }

    private String counts() {
        StringBuilder counts = new StringBuilder();
        for (String table : TABLES) {
            counts.append(table).append('=').append(jdbc.sql("select count(*) from " + table).query(Long.class).single()).append(' ');
        }
        return counts.toString();
    }
}
