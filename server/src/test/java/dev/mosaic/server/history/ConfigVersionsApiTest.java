package dev.mosaic.server.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An agent's config versions with their causes, one version masked, and the diff of two. */
class ConfigVersionsApiTest extends IntegrationTest {

    @Test
    void versionsListTheirCausesAndDiffShowsWhatChangedWithoutSecrets() {
        String provider = unique("ver");
        String providerId = createProvider(provider, "m1");
        String agent = unique("ver");
        createAgent(agent, providerId, "m1");
        long registered = newestSeq();
        assertThat(admin.patch("/api/agents/" + agent, Map.of("personality", "You are one.\nBe brief.")).status()).isEqualTo(200);
        assertThat(admin.patch("/api/agents/" + agent, Map.of("role", "no new version")).status()).isEqualTo(200);
        long personality = newestSeq();
        assertThat(admin.put("/api/providers/" + providerId + "/api-key", Map.of("apiKey", "sk-rotated")).status()).isEqualTo(200);

        Api.Response list = admin.get("/api/agents/" + agent + "/config/versions");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode items = list.json().get("items");
        assertThat(items).extracting(i -> i.get("version").asLong()).containsExactly(3L, 2L, 1L);
        assertThat(items.get(0).get("causes")).extracting(c -> c.get("eventType").asText())
                .containsExactly("ProviderApiKeyRotated");
        assertThat(items.get(0).at("/causes/0/actorName").asText()).isEqualTo(ADMIN);
        assertThat(items.get(1).get("causes")).extracting(c -> c.get("eventType").asText())
                .containsExactly("AgentPersonalityChanged");
        assertThat(items.get(2).get("causes")).extracting(c -> c.get("eventType").asText())
                .contains("AgentRegistered", "AgentModelAssigned");
        assertThat(items.get(0).get("etag").asText()).hasSize(64);

        Api.Response page = admin.get("/api/agents/" + agent + "/config/versions?limit=2");
        assertThat(page.json().get("items")).hasSize(2);
        assertThat(page.json().get("nextCursor").asText()).isEqualTo("2");
        assertThat(admin.get("/api/agents/" + agent + "/config/versions?limit=2&cursor=2").json().get("items"))
                .extracting(i -> i.get("version").asLong()).containsExactly(1L);

        JsonNode v1 = admin.get("/api/agents/" + agent + "/config/versions/1").json();
        assertThat(v1.get("soul").isNull()).isTrue();
        assertThat(v1.at("/document/models/providers/" + provider + "/apiKey").asText()).matches("secret:[0-9a-f]{12}");
        assertThat(v1.at("/document/gateway/auth/token").asText()).matches("secret:[0-9a-f]{12}");
        assertThat(v1.toString()).doesNotContain("sk-" + provider).doesNotContain("mag_");

        JsonNode soulOnly = admin.get("/api/agents/" + agent + "/config/diff?from=1&to=2").json();
        assertThat(soulOnly.get("changes")).isEmpty();
        assertThat(soulOnly.get("soulDiff").asText()).contains("+You are one.").contains("+Be brief.").contains("@@");
        JsonNode keyOnly = admin.get("/api/agents/" + agent + "/config/diff?from=2&to=3").json();
        assertThat(keyOnly.get("soulDiff").isNull()).isTrue();
        assertThat(keyOnly.get("changes")).hasSize(1);
        assertThat(keyOnly.at("/changes/0/path").asText()).isEqualTo("/models/providers/" + provider + "/apiKey");
        assertThat(keyOnly.at("/changes/0/op").asText()).isEqualTo("changed");
        assertThat(keyOnly.toString()).doesNotContain("sk-rotated");

        assertThat(admin.get("/api/agents/" + agent + "/config/at?seq=" + registered).json().get("version").asLong())
                .isEqualTo(1);
        assertThat(admin.get("/api/agents/" + agent + "/config/at?seq=" + personality).json().get("version").asLong())
                .isEqualTo(2);

        assertThat(admin.get("/api/agents/" + agent + "/config/versions/9").status()).isEqualTo(404);
        Api.Response bad = admin.get("/api/agents/" + agent + "/config/diff?from=abc&to=1");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("from");
        assertThat(admin.get("/api/agents/" + unique("nobody") + "/config/versions").status()).isEqualTo(404);
    }

    private long newestSeq() {
        return admin.get("/api/audit?limit=1").json().get("items").get(0).get("seq").asLong();
    }
}
