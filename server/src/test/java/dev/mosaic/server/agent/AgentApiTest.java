package dev.mosaic.server.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AgentApiTest extends IntegrationTest {
    private static final String AGENTS = "/api/agents/";

    @Test
    void creatingAnAgentIs201WithLocationAndATokenOf256Bits() {
        String providerId = createProvider(unique("prov"), "m1", "m2");
        String name = unique("agent");

        Api.Response created = admin.post("/api/agents", agentBody(name, providerId, "m1"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith(AGENTS + name);
        assertThat(created.json().get("name").asText()).isEqualTo(name);
        long version = created.json().get("version").asLong();
        assertThat(created.header("ETag")).isEqualTo("\"" + version + "\"");
        String token = created.json().get("token").asText();
        assertThat(token).startsWith("mag_");
        assertThat(entropyBits(token)).isGreaterThanOrEqualTo(256);

        Api.Response read = admin.get(AGENTS + name);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("version").asLong()).isEqualTo(version);
        assertThat(read.header("ETag")).isEqualTo("\"" + version + "\"");
    }

    @Test
    void anAgentIsReadByNameWithEveryFieldAndNeverItsToken() {
        String providerId = createProvider(unique("prov"), "m1", "m2");
        String name = unique("agent");
        Map<String, Object> body = agentBody(name, providerId, "m1");
        body.put("fallbacks", List.of(Map.of("providerId", providerId, "model", "m2")));
        body.put("personality", "You are helpful.");
        body.put("toolPermissions", List.of("web.search", "files/*"));
        Api.Response created = admin.post("/api/agents", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String token = created.json().get("token").asText();

        Api.Response read = admin.get(AGENTS + name);

        assertThat(read.status()).isEqualTo(200);
        JsonNode agent = read.json();
        assertThat(agent.get("name").asText()).isEqualTo(name);
        assertThat(agent.get("displayName").asText()).isEqualTo("Agent " + name);
        assertThat(agent.get("role").asText()).isEqualTo("support");
        assertThat(agent.get("gatewayUrl").asText()).isEqualTo("http://127.0.0.1:18789");
        assertThat(agent.get("providerId").asText()).isEqualTo(providerId);
        assertThat(agent.get("primaryModel").asText()).isEqualTo("m1");
        assertThat(agent.get("fallbacks")).hasSize(1);
        assertThat(agent.get("fallbacks").get(0).get("providerId").asText()).isEqualTo(providerId);
        assertThat(agent.get("fallbacks").get(0).get("model").asText()).isEqualTo("m2");
        assertThat(agent.get("personality").asText()).isEqualTo("You are helpful.");
        assertThat(agent.get("toolPermissions")).extracting(JsonNode::asText).containsExactly("web.search", "files/*");
        assertThat(agent.get("active").asBoolean()).isTrue();
        assertThat(read.body()).doesNotContain(token).doesNotContain("mag_").doesNotContain("enc:v1:");

        Api.Response list = admin.get("/api/agents");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("items")).anyMatch(a -> a.get("name").asText().equals(name));
        assertThat(list.body()).doesNotContain(token).doesNotContain("mag_").doesNotContain("enc:v1:");
    }

    @Test
    void aPatchChangesOnlyTheFieldsItNames() {
        String providerId = createProvider(unique("prov"), "m1");
        String name = unique("agent");
        createAgent(name, providerId, "m1");
        Api.Response before = admin.get(AGENTS + name);

        Api.Response patched = admin.patch(AGENTS + name, Map.of("displayName", "New Name", "role", "sales"),
                "If-Match", before.header("ETag"));

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        long version = patched.json().get("version").asLong();
        assertThat(version).isGreaterThan(before.json().get("version").asLong());
        assertThat(patched.header("ETag")).isEqualTo("\"" + version + "\"");
        Api.Response after = admin.get(AGENTS + name);
        assertThat(after.json().get("displayName").asText()).isEqualTo("New Name");
        assertThat(after.json().get("role").asText()).isEqualTo("sales");
        assertThat(after.json().get("version").asLong()).isEqualTo(version);
        for (String unchanged : List.of("name", "gatewayUrl", "providerId", "primaryModel", "fallbacks", "active")) {
            assertThat(after.json().get(unchanged)).as(unchanged).isEqualTo(before.json().get(unchanged));
        }

        Api.Response stale = admin.patch(AGENTS + name, Map.of("displayName", "Stale"), "If-Match", before.header("ETag"));
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        assertThat(admin.get(AGENTS + name).json().get("displayName").asText()).isEqualTo("New Name");

        String staleTag = before.header("ETag");
        Api.Response staleModel = admin.put(AGENTS + name + "/model", Map.of("providerId", providerId,
                "primaryModel", "m1"), "If-Match", staleTag);
        assertThat(staleModel.status()).as(staleModel.body()).isEqualTo(412);
        Api.Response staleDelete = admin.delete(AGENTS + name, "If-Match", staleTag);
        assertThat(staleDelete.status()).as(staleDelete.body()).isEqualTo(412);
        Api.Response garbageTag = admin.patch(AGENTS + name, Map.of("displayName", "Garbage"), "If-Match", "\"abc\"");
        assertThat(garbageTag.status()).as(garbageTag.body()).isEqualTo(412);
        assertThat(admin.get(AGENTS + name).status()).isEqualTo(200);
        Api.Response current = admin.patch(AGENTS + name, Map.of("role", "current"), "If-Match",
                admin.get(AGENTS + name).header("ETag"));
        assertThat(current.status()).as(current.body()).isEqualTo(200);

        Api.Response invalid = admin.patch(AGENTS + name, Map.of("gatewayUrl", "not a url"));
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        assertThat(fields(invalid)).contains("gatewayUrl");
    }

    @Test
    void assigningAModelChecksTheProviderAndTheModel() {
        String providerId = createProvider(unique("prov"), "m1", "m2");
        String otherId = createProvider(unique("prov"), "x1");
        String name = unique("agent");
        createAgent(name, providerId, "m1");

        Api.Response assigned = admin.put(AGENTS + name + "/model", Map.of("providerId", otherId,
                "primaryModel", "x1", "fallbacks", List.of(Map.of("providerId", providerId, "model", "m2"))));

        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        assertThat(assigned.header("ETag")).isEqualTo("\"" + assigned.json().get("version").asLong() + "\"");
        JsonNode agent = admin.get(AGENTS + name).json();
        assertThat(agent.get("providerId").asText()).isEqualTo(otherId);
        assertThat(agent.get("primaryModel").asText()).isEqualTo("x1");
        assertThat(agent.get("fallbacks").get(0).get("model").asText()).isEqualTo("m2");
        long version = agent.get("version").asLong();

        Api.Response unknownProvider = admin.put(AGENTS + name + "/model",
                Map.of("providerId", UUID.randomUUID().toString(), "primaryModel", "x1"));
        assertThat(unknownProvider.status()).as(unknownProvider.body()).isEqualTo(400);
        assertThat(unknownProvider.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fields(unknownProvider)).contains("providerId");

        Api.Response unknownModel = admin.put(AGENTS + name + "/model",
                Map.of("providerId", otherId, "primaryModel", "no-such-model"));
        assertThat(unknownModel.status()).as(unknownModel.body()).isEqualTo(400);
        assertThat(fields(unknownModel)).contains("primaryModel");

        Api.Response unknownFallback = admin.put(AGENTS + name + "/model", Map.of("providerId", otherId,
                "primaryModel", "x1", "fallbacks", List.of(Map.of("providerId", providerId, "model", "nope"))));
        assertThat(unknownFallback.status()).as(unknownFallback.body()).isEqualTo(400);
        assertThat(fields(unknownFallback)).contains("fallbacks[0].model");

        String idleId = createProvider(unique("prov"), "d1");
        assertThat(admin.patch("/api/providers/" + idleId, Map.of("active", false)).status()).isEqualTo(200);
        Api.Response deactivated = admin.put(AGENTS + name + "/model", Map.of("providerId", idleId, "primaryModel", "d1"));
        assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(400);
        assertThat(fields(deactivated)).contains("providerId");

        JsonNode unchanged = admin.get(AGENTS + name).json();
        assertThat(unchanged.get("providerId").asText()).isEqualTo(otherId);
        assertThat(unchanged.get("version").asLong()).isEqualTo(version);
    }

    @Test
    void creatingAnAgentWithABadReferenceIs400() {
        String providerId = createProvider(unique("prov"), "m1");

        Api.Response unknownProvider = admin.post("/api/agents", agentBody(unique("agent"), UUID.randomUUID().toString(), "m1"));
        assertThat(unknownProvider.status()).as(unknownProvider.body()).isEqualTo(400);
        assertThat(fields(unknownProvider)).contains("providerId");

        Api.Response unknownModel = admin.post("/api/agents", agentBody(unique("agent"), providerId, "zz"));
        assertThat(unknownModel.status()).as(unknownModel.body()).isEqualTo(400);
        assertThat(fields(unknownModel)).contains("primaryModel");

        Map<String, Object> invalid = agentBody("Bad Name", providerId, "m1");
        invalid.put("gatewayUrl", "gateway");
        Api.Response bad = admin.post("/api/agents", invalid);
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(fields(bad)).contains("name", "gatewayUrl");
    }

    @Test
    void aDuplicateNameIs409() {
        String providerId = createProvider(unique("prov"), "m1");
        String name = unique("agent");
        createAgent(name, providerId, "m1");

        Api.Response again = admin.post("/api/agents", agentBody(name, providerId, "m1"));

        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fields(again)).contains("name");
    }

    @Test
    void rotatingTheTokenReturnsANewOneOnce() {
        String providerId = createProvider(unique("prov"), "m1");
        String name = unique("agent");
        String original = createAgent(name, providerId, "m1");
        long before = admin.get(AGENTS + name).json().get("version").asLong();

        Api.Response rotated = admin.post(AGENTS + name + "/token", null);

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String token = rotated.json().get("token").asText();
        assertThat(token).startsWith("mag_").isNotEqualTo(original);
        assertThat(entropyBits(token)).isGreaterThanOrEqualTo(256);
        Api.Response read = admin.get(AGENTS + name);
        assertThat(read.json().get("version").asLong()).isGreaterThan(before);
        assertThat(read.body()).doesNotContain(token).doesNotContain(original).doesNotContain("enc:v1:");
        assertThat(admin.get("/api/agents").body()).doesNotContain(token).doesNotContain(original);

        String again = admin.post(AGENTS + name + "/token", null).json().get("token").asText();
        assertThat(again).isNotEqualTo(token).isNotEqualTo(original);
    }

    @Test
    void deletingIs204ThenTheAgentIs404AndItsNameCanBeReused() {
        String providerId = createProvider(unique("prov"), "m1");
        String name = unique("agent");
        String firstToken = createAgent(name, providerId, "m1");
        String firstId = admin.get(AGENTS + name).json().get("id").asText();

        Api.Response deleted = admin.delete(AGENTS + name);

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        Api.Response read = admin.get(AGENTS + name);
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.header("Content-Type")).startsWith("application/problem+json");
        assertThat(admin.get("/api/agents").json().get("items")).noneMatch(a -> a.get("name").asText().equals(name));
        assertThat(admin.delete(AGENTS + name).status()).isEqualTo(404);

        String secondToken = createAgent(name, providerId, "m1");
        assertThat(secondToken).isNotEqualTo(firstToken);
        Api.Response reborn = admin.get(AGENTS + name);
        assertThat(reborn.status()).isEqualTo(200);
        assertThat(reborn.json().get("id").asText()).isNotEqualTo(firstId);
        assertThat(admin.get("/api/agents").json().get("items")).filteredOn(a -> a.get("name").asText().equals(name))
                .hasSize(1);
    }

    @Test
    void anUnknownAgentIs404ProblemForEveryMethod() {
        String providerId = createProvider(unique("prov"), "m1");
        String name = unique("ghost");
        List<Api.Response> responses = List.of(
                admin.get(AGENTS + name),
                admin.patch(AGENTS + name, Map.of("displayName", "x")),
                admin.put(AGENTS + name + "/model", Map.of("providerId", providerId, "primaryModel", "m1")),
                admin.post(AGENTS + name + "/token", null),
                admin.delete(AGENTS + name));
        for (Api.Response response : responses) {
            assertThat(response.status()).as(response.body()).isEqualTo(404);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    private static Map<String, Object> agentBody(String name, String providerId, String model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("displayName", "Agent " + name);
        body.put("role", "support");
        body.put("gatewayUrl", "http://127.0.0.1:18789");
        body.put("providerId", providerId);
        body.put("primaryModel", model);
        return body;
    }

    /** Bits of randomness after the {@code mag_} prefix, read as base64url (or hex). */
    private static int entropyBits(String token) {
        String secret = token.substring("mag_".length());
        if (secret.matches("[0-9a-f]+")) {
            return secret.length() * 4;
        }
        return Base64.getUrlDecoder().decode(secret).length * 8;
    }

    static List<String> fields(Api.Response response) {
        JsonNode errors = response.json().get("errors");
        assertThat(errors).as("errors of " + response.body()).isNotNull();
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> {
            assertThat(e.get("message").asText()).as(e.toString()).isNotBlank();
            fields.add(e.get("field").asText());
        });
        return fields;
    }
}
