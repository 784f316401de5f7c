package dev.mosaic.server.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mosaic.events.secret.SecretFingerprints;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/revert}: ordinary commands back to the state at a seq, dry-run first, revert of a revert. */
class RevertTest extends IntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    SecretFingerprints fingerprints;

    @Test
    void aWholeFleetRevertRestoresEveryAgentsConfigAndCanItselfBeReverted() throws Exception {
        String p1Name = unique("rv");
        String p1 = createProvider(p1Name, "m1", "m2");
        String a1 = unique("rv");
        String a2 = unique("rv");
        String token1 = createAgent(a1, p1, "m1");
        createAgent(a2, p1, "m2");
        assertThat(admin.patch("/api/agents/" + a1, Map.of("personality", "one")).status()).isEqualTo(200);
        long good = newestSeq();
        JsonNode a1Then = admin.get("/api/agents/" + a1 + "/config/at?seq=" + good).json().get("document");
        JsonNode a2Then = admin.get("/api/agents/" + a2 + "/config/at?seq=" + good).json().get("document");

        assertThat(admin.put("/api/providers/" + p1 + "/api-key", Map.of("apiKey", "sk-broken")).status()).isEqualTo(200);
        assertThat(admin.put("/api/agents/" + a2 + "/model", Map.of("providerId", p1, "primaryModel", "m1")).status())
                .isEqualTo(200);
        assertThat(admin.patch("/api/providers/" + p1, Map.of("models", List.of(Map.of("id", "m1"), Map.of("id", "m3"))))
                .status()).isEqualTo(200);
        assertThat(admin.patch("/api/agents/" + a1, Map.of("personality", "two", "toolPermissions", List.of("x")))
                .status()).isEqualTo(200);
        assertThat(admin.delete("/api/agents/" + a2).status()).isEqualTo(204);
        String p2 = createProvider(unique("rv"), "n1");
        String a3 = unique("rv");
        createAgent(a3, p2, "n1");
        long broken = newestSeq();

        String before = counts();
        Api.Response dry = admin.post("/api/revert", Map.of("seq", good, "dryRun", true, "reason", "bad key"));
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("dryRun").asBoolean()).isTrue();
        assertThat(dry.json().get("commands")).extracting(c -> c.get("action").asText())
                .contains("restore-api-key", "register", "remove");
        assertThat(dry.json().get("agents")).extracting(a -> a.get("name").asText()).contains(a1, a2, a3);
        assertThat(dry.body()).doesNotContain("sk-" + p1Name).doesNotContain("sk-broken");
        assertThat(counts()).isEqualTo(before);

        Api.Response revert = admin.post("/api/revert", Map.of("seq", good, "reason", "bad key"));
        assertThat(revert.status()).as(revert.body()).isEqualTo(200);
        assertThat(plan(revert.json())).as("the dry run's plan (re-registered entities get new ids)")
                .isEqualTo(plan(dry.json()));

        long reverted = newestSeq();
        JsonNode state = admin.get("/api/state?seq=" + reverted).json();
        assertThat(agent(state, a1).get("personality").asText()).isEqualTo("one");
        assertThat(agent(state, a2).get("primaryModel").asText()).isEqualTo("m2");
        assertThat(state.get("agents").findValuesAsText("name")).doesNotContain(a3);
        assertThat(admin.get("/api/agents/" + a3).status()).isEqualTo(404);
        assertThat(provider(state, p1Name).get("models")).extracting(m -> m.get("id").asText()).containsExactly("m1", "m2");

        // the bytes a1 is served now are those it had at the good seq (same token: a token is never reverted)
        assertThat(maskedServed(a1, token1)).isEqualTo(a1Then);
        // a2 came back under a new id and token: everything else is as it was
        JsonNode a2Now = admin.get("/api/agents/" + a2 + "/config/at?seq=" + reverted).json().get("document");
        assertThat(withoutToken(a2Now)).isEqualTo(withoutToken(a2Then));

        JsonNode audit = admin.get("/api/audit?limit=3").json().get("items");
        for (JsonNode item : audit) {
            assertThat(item.get("summary").asText()).endsWith("(revert to #" + good + ": bad key)");
            assertThat(item.at("/actor/name").asText()).isEqualTo(ADMIN);
        }

        Api.Response undo = admin.post("/api/revert", Map.of("seq", broken, "reason", "undo"));
        assertThat(undo.status()).as(undo.body()).isEqualTo(200);
        JsonNode again = admin.get("/api/state?seq=" + newestSeq()).json();
        assertThat(agent(again, a1).get("personality").asText()).isEqualTo("two");
        assertThat(agent(again, a3).get("active").asBoolean()).isTrue();
        assertThat(again.get("agents").findValuesAsText("name")).as("re-registered after #" + broken).doesNotContain(a2);
        assertThat(provider(again, p1Name).get("models")).extracting(m -> m.get("id").asText()).containsExactly("m1", "m3");
        JsonNode brokenKey = admin.get("/api/agents/" + a1 + "/config/at?seq=" + broken).json()
                .at("/document/models/providers/" + p1Name + "/apiKey");
        assertThat(maskedServed(a1, token1).at("/models/providers/" + p1Name + "/apiKey")).isEqualTo(brokenKey);
    }

    @Test
    void aScopedRevertTouchesOnlyItsEntityAndATakenNameIsAConflict() {
        String p = createProvider(unique("rv"), "m1");
        String a = unique("rv");
        String b = unique("rv");
        createAgent(a, p, "m1");
        createAgent(b, p, "m1");
        long seq = newestSeq();
        admin.patch("/api/agents/" + a, Map.of("role", "changed"));
        admin.patch("/api/agents/" + b, Map.of("role", "changed"));
        Api.Response scoped = admin.post("/api/revert", Map.of("seq", seq, "scope", Map.of("entityType", "agent", "entityId", a)));
        assertThat(scoped.status()).as(scoped.body()).isEqualTo(200);
        assertThat(scoped.json().get("commands")).hasSize(1);
        assertThat(scoped.json().at("/commands/0/entityType").asText()).isEqualTo("agent");
        assertThat(admin.get("/api/agents/" + a).json().get("role").isNull()).isTrue();
        assertThat(admin.get("/api/agents/" + b).json().get("role").asText()).isEqualTo("changed");

        long beforeRemoval = newestSeq();
        assertThat(admin.delete("/api/agents/" + b).status()).isEqualTo(204);
        createAgent(b, p, "m1");
        String before = counts();
        Api.Response taken = admin.post("/api/revert", Map.of("seq", beforeRemoval));
        assertThat(taken.status()).as(taken.body()).isEqualTo(409);
        assertThat(taken.json().get("detail").asText()).contains(b);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aRevertRequestIsChecked() {
        long newest = newestSeq();
        assertThat(admin.post("/api/revert", Map.of()).status()).isEqualTo(400);
        assertThat(admin.post("/api/revert", Map.of("seq", newest + 1000)).json().at("/errors/0/field").asText())
                .isEqualTo("seq");
        assertThat(admin.post("/api/revert", Map.of("seq", newest, "scope", Map.of("entityType", "user", "entityId", "x")))
                .status()).isEqualTo(400);
    }

    private static List<String> plan(JsonNode answer) {
        List<String> plan = new java.util.ArrayList<>();
        answer.get("commands").forEach(c -> plan.add(c.get("action").asText() + ": " + c.get("summary").asText()));
        return plan;
    }

    private JsonNode maskedServed(String agent, String token) throws Exception {
        HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/internal/agent-config/" + agent))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).isEqualTo(200);
        JsonNode document = JSON.readTree(served.body());
        mask(document);
        return document;
    }

    private void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                if ((name.equals("apiKey") || name.equals("token")) && object.get(name).isTextual()) {
                    object.set(name, TextNode.valueOf(fingerprints.mask(object.get(name).asText())));
                }
            });
            object.elements().forEachRemaining(this::mask);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(this::mask);
        }
    }

    private static JsonNode withoutToken(JsonNode document) {
        JsonNode copy = document.deepCopy();
        ((ObjectNode) copy.at("/gateway/auth")).remove("token");
        return copy;
    }

    private static JsonNode agent(JsonNode state, String name) {
        for (JsonNode agent : state.get("agents")) {
            if (agent.get("name").asText().equals(name)) {
                return agent;
            }
        }
        throw new AssertionError("no agent " + name + " in " + state);
    }

    private static JsonNode provider(JsonNode state, String name) {
        for (JsonNode provider : state.get("providers")) {
            if (provider.get("name").asText().equals(name)) {
                return provider;
            }
        }
        throw new AssertionError("no provider " + name);
    }

    private long newestSeq() {
        return admin.get("/api/audit?limit=1").json().get("items").get(0).get("seq").asLong();
    }

    private String counts() {
        StringBuilder counts = new StringBuilder();
        for (String table : List.of("domain_event_entry", "audit_entry", "name_claim", "agent_view", "provider_view")) {
            counts.append(table).append('=').append(jdbc.sql("select count(*) from " + table).query(Long.class).single()).append(' ');
        }
        return counts.toString();
    }
}
