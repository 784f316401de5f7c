package dev.mosaic.server.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.query.api.FleetHistory;
import dev.mosaic.query.common.JsonColumns;
import dev.mosaic.query.fleet.Fleet;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.TestSessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/state} and {@code /api/agents/{name}/config/at} against the live settings captured along the way. */
class StateAtSeqTest extends IntegrationTest {
    @Autowired
    SessionRepository<? extends Session> sessionRepository;

    @Test
    void theStateAtEverySeqEqualsTheLiveStateRightAfterThatCommand() {
        Random random = new Random(11);
        List<String> providers = new ArrayList<>();
        List<String> agents = new ArrayList<>();
        Map<Long, JsonNode[]> live = new LinkedHashMap<>();
        providers.add(createProvider(unique("st"), "m1", "m2"));
        live.put(newestSeq(), capture());
        for (int step = 0; step < 30; step++) {
            Api.Response r = randomCommand(random, providers, agents);
            assertThat(r.status()).as(r.body()).isBetween(200, 299);
            live.put(newestSeq(), capture());
        }
        live.forEach((seq, expected) -> {
            JsonNode state = admin.get("/api/state?seq=" + seq).json();
            assertThat(state.get("seq").asLong()).isEqualTo(seq);
            assertThat(state.get("providers")).as("providers at #" + seq).isEqualTo(expected[0]);
            assertThat(state.get("agents")).as("agents at #" + seq).isEqualTo(expected[1]);
        });

        // a whole-fleet revert to one of those seqs: every agent then is rendered as it was, tokens aside
        long target = new ArrayList<>(live.keySet()).get(live.size() / 2);
        JsonNode then = admin.get("/api/state?seq=" + target).json();
        Api.Response revert = admin.post("/api/revert", Map.of("seq", target, "reason", "property"));
        assertThat(revert.status()).as(revert.body()).isEqualTo(200);
        long now = newestSeq();
        for (JsonNode agent : then.get("agents")) {
            String name = agent.get("name").asText();
            JsonNode before = admin.get("/api/agents/" + name + "/config/at?seq=" + target).json();
            JsonNode after = admin.get("/api/agents/" + name + "/config/at?seq=" + now).json();
            assertThat(withoutToken(after.get("document"))).as(name).isEqualTo(withoutToken(before.get("document")));
            assertThat(after.get("soul")).as(name).isEqualTo(before.get("soul"));
            JsonNode served = admin.get("/api/agents/" + name + "/config/versions?limit=1").json().at("/items/0");
            assertThat(after.get("version").asLong()).as("the newest rendered version of " + name)
                    .isEqualTo(served.get("version").asLong());
        }
        assertThat(admin.get("/api/state?seq=" + now).json().get("agents").findValuesAsText("name"))
                .containsExactlyInAnyOrderElementsOf(then.get("agents").findValuesAsText("name"));
    }

    private static JsonNode withoutToken(JsonNode document) {
        JsonNode copy = document.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.at("/gateway/auth")).remove("token");
        return copy;
    }

    private Api.Response randomCommand(Random random, List<String> providers, List<String> agents) {
        int choice = random.nextInt(9);
        String provider = providers.get(random.nextInt(providers.size()));
        if (choice == 0 || agents.isEmpty()) {
            String name = unique("sa");
            Api.Response r = admin.post("/api/agents", Map.of("name", name, "displayName", name,
                    "gatewayUrl", "http://127.0.0.1:18789", "providerId", provider, "primaryModel", "m1"));
            agents.add(name);
            return r;
        }
        String agent = agents.get(random.nextInt(agents.size()));
        return switch (choice) {
            case 1 -> {
                String id = createProvider(unique("st"), "m1", "m2");
                providers.add(id);
                yield admin.get("/api/providers/" + id);
            }
            case 2 -> admin.patch("/api/providers/" + provider, Map.of("displayName", "P " + random.nextInt(1000)));
            case 3 -> admin.put("/api/providers/" + provider + "/api-key", Map.of("apiKey", "sk-" + random.nextInt()));
            case 4 -> admin.put("/api/agents/" + agent + "/model", Map.of("providerId", provider,
                    "primaryModel", random.nextBoolean() ? "m1" : "m2", "fallbacks", List.of()));
            case 5 -> admin.patch("/api/agents/" + agent, Map.of("personality", "You are #" + random.nextInt(100),
                    "toolPermissions", List.of("tool" + random.nextInt(3))));
            case 6 -> admin.patch("/api/agents/" + agent, Map.of("active", random.nextBoolean()));
            case 7 -> {
                agents.remove(agent);
                yield admin.delete("/api/agents/" + agent);
            }
            default -> admin.patch("/api/agents/" + agent, Map.of("role", "role " + random.nextInt(5)));
        };
    }

    private JsonNode[] capture() {
        return new JsonNode[]{admin.get("/api/providers").json().get("items"), admin.get("/api/agents").json().get("items")};
    }

    private long newestSeq() {
        return admin.get("/api/audit?limit=1").json().get("items").get(0).get("seq").asLong();
    }

    @Autowired
    FleetHistory history;
    @Autowired
    ObjectMapper mapper;

    /** Snapshots are written only for settled positions (older events than tests make), so their form is checked here. */
    @Test
    void aSnapshotReadsBackAsTheStateItWasWrittenFrom() throws Exception {
        String providerId = createProvider(unique("snap"), "m1");
        String agent = unique("snap");
        createAgent(agent, providerId, "m1");
        admin.patch("/api/agents/" + agent, Map.of("personality", "Snap.", "toolPermissions", List.of("a", "b")));
        ObjectMapper stored = JsonColumns.storedForm(mapper);
        Fleet.Snapshot snapshot = ((Fleet) history.now()).snapshot();
        Fleet.Snapshot read = stored.readValue(stored.writeValueAsBytes(snapshot), Fleet.Snapshot.class);
        assertThat(read).isEqualTo(snapshot);
        // the snapshot holds the whole state, so equal snapshots are equal states
        assertThat(Fleet.of(read).snapshot()).isEqualTo(((Fleet) history.now()).snapshot());
    }

    @Test
    void aSeqOutsideTheStoreIsRefusedNamingSeq() {
        long newest = newestSeq();
        for (String bad : List.of(Long.toString(newest + 1000), "-1", "abc")) {
            Api.Response r = admin.get("/api/state?seq=" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("seq");
        }
        assertThat(admin.get("/api/state?at=yesterday").status()).isEqualTo(400);
        assertThat(admin.get("/api/state?at=2000-01-01T00:00:00Z").status()).isEqualTo(400);
        assertThat(admin.get("/api/state?at=2999-01-01T00:00:00Z").json().get("seq").asLong()).isGreaterThanOrEqualTo(newest);
    }

    @Test
    void configAtShowsSecretsOnlyAsStableFingerprints() {
        String providerId = createProvider(unique("mask"), "m1");
        String agent = unique("mask");
        createAgent(agent, providerId, "m1");
        long before = newestSeq();
        String providerName = admin.get("/api/providers/" + providerId).json().get("name").asText();
        assertThat(admin.put("/api/providers/" + providerId + "/api-key", Map.of("apiKey", "sk-second")).status())
                .isEqualTo(200);
        long after = newestSeq();

        JsonNode then = admin.get("/api/agents/" + agent + "/config/at?seq=" + before).json();
        JsonNode now = admin.get("/api/agents/" + agent + "/config/at?seq=" + after).json();
        String keyThen = then.at("/document/models/providers/" + providerName + "/apiKey").asText();
        String keyNow = now.at("/document/models/providers/" + providerName + "/apiKey").asText();
        assertThat(keyThen).matches("secret:[0-9a-f]{12}");
        assertThat(keyNow).matches("secret:[0-9a-f]{12}").isNotEqualTo(keyThen);
        assertThat(then.at("/document/gateway/auth/token").asText()).matches("secret:[0-9a-f]{12}")
                .isEqualTo(now.at("/document/gateway/auth/token").asText());
        assertThat(then.toString()).doesNotContain("sk-" + providerName).doesNotContain("mag_");
        assertThat(now.toString()).doesNotContain("sk-second");
        assertThat(then.at("/document/agents/defaults/model/primary").asText()).isEqualTo(providerName + "/m1");

        Api.Response notYet = admin.get("/api/agents/" + unique("nobody") + "/config/at?seq=" + before);
        assertThat(notYet.status()).isEqualTo(404);
        assertThat(notYet.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void auditorsReadHistoryAndUsersDoNot() {
        TestSessions sessions = new TestSessions(sessionRepository, port);
        long seq = newestSeq();
        assertThat(sessions.as("AUDITOR").get("/api/state?seq=" + seq).status()).isEqualTo(200);
        assertThat(sessions.as("USER").get("/api/state?seq=" + seq).status()).isEqualTo(403);
        assertThat(anonymous().get("/api/state?seq=" + seq).status()).isEqualTo(401);
    }
}
