package dev.mosaic.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AuditApiTest extends IntegrationTest {

    @Test
    void eachChangeIsAnItemWithWhoWhatWhenAndAFieldDiff() {
        String name = unique("prov");
        String id = createProvider(name, "m1");
        assertThat(admin.patch("/api/providers/" + id, Map.of("displayName", "Renamed")).status()).isEqualTo(200);

        Api.Response audit = admin.get("/api/audit?entityType=provider&entityId=" + id);

        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        JsonNode items = audit.json().get("items");
        assertThat(items).hasSize(2);
        JsonNode changed = items.get(0);
        JsonNode registered = items.get(1);
        for (JsonNode item : items) {
            assertThat(item.get("seq").isIntegralNumber()).as(item.toString()).isTrue();
            assertThat(Instant.parse(item.get("at").asText())).isBefore(Instant.now().plusSeconds(5));
            assertThat(item.get("actor").get("id").asText()).startsWith("user:");
            assertThat(item.get("actor").get("name").asText()).isEqualTo(ADMIN);
            assertThat(item.get("entityType").asText()).isEqualTo("provider");
            assertThat(item.get("entityId").asText()).isEqualTo(id);
            assertThat(item.get("summary").asText()).isNotBlank();
            assertThat(item.get("changes").isArray()).isTrue();
            for (JsonNode change : item.get("changes")) {
                assertThat(change.has("field") && change.has("from") && change.has("to")).as(change.toString()).isTrue();
            }
        }
        assertThat(changed.get("seq").asLong()).isGreaterThan(registered.get("seq").asLong());
        assertThat(registered.get("eventType").asText()).isEqualTo("ProviderRegistered");
        assertThat(registered.get("summary").asText()).contains(name);
        assertThat(change(registered, "name").get("to").asText()).isEqualTo(name);
        assertThat(change(registered, "name").get("from").isNull()).isTrue();
        assertThat(changed.get("eventType").asText()).isEqualTo("ProviderDetailsChanged");
        JsonNode displayName = change(changed, "displayName");
        assertThat(displayName.get("from").asText()).isEqualTo(name);
        assertThat(displayName.get("to").asText()).isEqualTo("Renamed");
        assertThat(changed.get("changes")).extracting(c -> c.get("field").asText()).containsExactly("displayName");
    }

    @Test
    void secretsAppearOnlyAsChanged() {
        String name = unique("prov");
        String id = createProvider(name, "m1");
        String newKey = "sk-rotated-" + name;
        assertThat(admin.put("/api/providers/" + id + "/api-key", Map.of("apiKey", newKey)).status()).isEqualTo(200);
        String agent = unique("agent");
        String token = createAgent(agent, id, "m1");
        String rotated = admin.post("/api/agents/" + agent + "/token", null).json().get("token").asText();

        Api.Response providerAudit = admin.get("/api/audit?entityId=" + id);
        Api.Response agentAudit = admin.get("/api/audit?entityType=agent&entityId=" + agent);

        JsonNode providerItems = providerAudit.json().get("items");
        assertThat(providerItems).extracting(i -> i.get("eventType").asText())
                .containsExactly("ProviderApiKeyRotated", "ProviderRegistered");
        for (JsonNode item : providerItems) {
            JsonNode apiKey = change(item, "apiKey");
            assertThat(apiKey.get("to").asText()).isEqualTo("changed");
            assertThat(apiKey.get("from").isNull() || apiKey.get("from").asText().equals("changed"))
                    .as(apiKey.toString()).isTrue();
        }
        assertThat(providerAudit.body()).doesNotContain("sk-" + name).doesNotContain(newKey).doesNotContain("enc:v1:");

        JsonNode agentItems = agentAudit.json().get("items");
        assertThat(agentItems).extracting(i -> i.get("eventType").asText()).contains("AgentRegistered", "AgentTokenRotated");
        for (JsonNode item : agentItems) {
            for (JsonNode change : item.get("changes")) {
                String field = change.get("field").asText().toLowerCase();
                if (field.contains("token")) {
                    assertThat(change.get("to").asText()).as(change.toString()).isEqualTo("changed");
                }
            }
        }
        assertThat(agentAudit.body()).doesNotContain(token).doesNotContain(rotated).doesNotContain("mag_")
                .doesNotContain("enc:v1:");
        assertThat(admin.get("/api/audit?limit=500").body()).doesNotContain(newKey).doesNotContain(token)
                .doesNotContain(rotated).doesNotContain("enc:v1:").doesNotContain(ADMIN_PASSWORD);
    }

    @Test
    void filtersByEntityTypeEntityIdAndActor() {
        String provider = unique("prov");
        String id = createProvider(provider, "m1");
        String agent = unique("agent");
        createAgent(agent, id, "m1");

        JsonNode agents = items("/api/audit?entityType=agent&limit=500");
        assertThat(agents).isNotEmpty().allMatch(i -> i.get("entityType").asText().equals("agent"));
        assertThat(agents).anyMatch(i -> i.get("summary").asText().contains(agent));

        JsonNode byName = items("/api/audit?entityId=" + agent);
        assertThat(byName).isNotEmpty();
        String agentId = byName.get(0).get("entityId").asText();
        assertThat(byName).allMatch(i -> i.get("entityId").asText().equals(agentId));
        assertThat(items("/api/audit?entityId=" + agentId)).hasSameSizeAs(byName);

        JsonNode byActor = items("/api/audit?actor=" + ADMIN + "&entityId=" + id);
        assertThat(byActor).hasSize(1).allMatch(i -> i.get("actor").get("name").asText().equals(ADMIN));
        String actorId = byActor.get(0).get("actor").get("id").asText();
        assertThat(items("/api/audit?actor=" + enc(actorId) + "&entityId=" + id)).hasSize(1);
        assertThat(items("/api/audit?actor=" + unique("nobody") + "&entityId=" + id)).isEmpty();
        assertThat(items("/api/audit?entityType=agent&entityId=" + id)).isEmpty();
    }

    @Test
    void filtersByTime() {
        String id = createProvider(unique("prov"), "m1");
        for (int i = 1; i <= 3; i++) {
            assertThat(admin.patch("/api/providers/" + id, Map.of("displayName", "Name " + i)).status()).isEqualTo(200);
        }
        JsonNode all = items("/api/audit?entityId=" + id);
        assertThat(all).hasSize(4);
        Instant newest = Instant.parse(all.get(0).get("at").asText());
        Instant oldest = Instant.parse(all.get(3).get("at").asText());
        Instant middle = Instant.parse(all.get(2).get("at").asText());

        assertThat(items("/api/audit?entityId=" + id + "&from=" + oldest.minusSeconds(60) + "&to=" + newest.plusSeconds(60)))
                .hasSize(4);
        assertThat(items("/api/audit?entityId=" + id + "&from=" + newest.plusSeconds(60))).isEmpty();
        assertThat(items("/api/audit?entityId=" + id + "&to=" + oldest.minusSeconds(60))).isEmpty();

        JsonNode fromMiddle = items("/api/audit?entityId=" + id + "&from=" + middle);
        assertThat(fromMiddle).allMatch(i -> !Instant.parse(i.get("at").asText()).isBefore(middle));
        assertThat(seqs(fromMiddle)).containsAll(seqsWhere(all, at -> at.isAfter(middle)));
        JsonNode toMiddle = items("/api/audit?entityId=" + id + "&to=" + middle);
        assertThat(toMiddle).allMatch(i -> !Instant.parse(i.get("at").asText()).isAfter(middle));
        assertThat(seqs(toMiddle)).containsAll(seqsWhere(all, at -> at.isBefore(middle)));

        Api.Response badTime = admin.get("/api/audit?from=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.header("Content-Type")).startsWith("application/problem+json");
        assertThat(badTime.json().get("errors").get(0).get("field").asText()).isEqualTo("from");
        assertThat(admin.get("/api/audit?to=2026-13-45").json().get("errors").get(0).get("field").asText())
                .isEqualTo("to");
    }

    @Test
    void pagesWithACursorNewestFirstWithoutOverlap() {
        String id = createProvider(unique("prov"), "m1");
        for (int i = 1; i <= 4; i++) {
            assertThat(admin.patch("/api/providers/" + id, Map.of("displayName", "Name " + i)).status()).isEqualTo(200);
        }
        List<Long> everything = seqs(items("/api/audit?entityId=" + id));
        assertThat(everything).hasSize(5);

        List<Long> paged = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10; page++) {
            Api.Response response = admin.get("/api/audit?entityId=" + id + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + enc(cursor)));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode items = response.json().get("items");
            pageSizes.add(items.size());
            paged.addAll(seqs(items));
            JsonNode next = response.json().get("nextCursor");
            if (next == null || next.isNull()) {
                break;
            }
            cursor = next.asText();
        }

        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(paged).doesNotHaveDuplicates().containsExactlyElementsOf(everything);
        assertThat(paged).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void theWholeLogIsNewestFirstAndLimited() {
        createProvider(unique("prov"), "m1");
        Api.Response response = admin.get("/api/audit?limit=3");

        assertThat(response.status()).isEqualTo(200);
        JsonNode items = response.json().get("items");
        assertThat(items).hasSize(3);
        assertThat(seqs(items)).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(response.json().get("nextCursor").asText()).isNotBlank();

        for (String bad : List.of("limit=0", "limit=501", "limit=many", "cursor=not-a-cursor")) {
            Api.Response refused = admin.get("/api/audit?" + bad);
            assertThat(refused.status()).as(bad + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo(bad.split("=")[0]);
        }
    }

    private JsonNode items(String path) {
        Api.Response response = admin.get(path);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.json().get("items");
    }

    private static JsonNode change(JsonNode item, String field) {
        for (JsonNode change : item.get("changes")) {
            if (change.get("field").asText().equals(field)) {
                return change;
            }
        }
        throw new AssertionError("no change of " + field + " in " + item);
    }

    private static List<Long> seqs(JsonNode items) {
        List<Long> seqs = new ArrayList<>();
        items.forEach(i -> seqs.add(i.get("seq").asLong()));
        return seqs;
    }

    private static Set<Long> seqsWhere(JsonNode items, java.util.function.Predicate<Instant> at) {
        Set<Long> seqs = new HashSet<>();
        items.forEach(i -> {
            if (at.test(Instant.parse(i.get("at").asText()))) {
                seqs.add(i.get("seq").asLong());
            }
        });
        return seqs;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
