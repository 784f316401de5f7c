package dev.mosaic.server.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderApiTest extends IntegrationTest {

    @Test
    void aRegisteredProviderIsReadBackWithItsVersionAndWithoutItsKey() {
        String name = unique("prov");
        String id = createProvider(name, "gpt-4o");

        Api.Response read = admin.get("/api/providers/" + id);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("name").asText()).isEqualTo(name);
        assertThat(read.json().get("apiKeySet").asBoolean()).isTrue();
        assertThat(read.body()).doesNotContain("sk-" + name).doesNotContain("enc:v1:");
        assertThat(read.header("ETag")).isEqualTo("\"" + read.json().get("version").asLong() + "\"");
        assertThat(read.json().get("effectiveBaseUrl").asText()).isEqualTo("https://api.openai.com/v1");
    }

    @Test
    void aStaleIfMatchIsRefusedWith412AndNothingChanges() {
        String id = createProvider(unique("prov"), "m1");
        Api.Response first = admin.patch("/api/providers/" + id, Map.of("displayName", "First"), "If-Match", "\"0\"");
        assertThat(first.status()).as(first.body()).isEqualTo(200);

        Api.Response stale = admin.patch("/api/providers/" + id, Map.of("displayName", "Second"), "If-Match", "\"0\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        assertThat(admin.get("/api/providers/" + id).json().get("displayName").asText()).isEqualTo("First");
    }

    @Test
    void aDuplicateNameIs409() {
        String name = unique("prov");
        createProvider(name, "m1");

        Api.Response again = admin.post("/api/providers", Map.of("name", name, "displayName", "Again",
                "type", "openai", "models", List.of(Map.of("id", "m1"))));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("errors").get(0).get("field").asText()).isEqualTo("name");
    }

    @Test
    void creatingAProviderIs201WithLocationETagAndVersion() {
        String name = unique("prov");

        Api.Response created = admin.post("/api/providers", body(name, "openai", null, "sk-created-" + name,
                List.of(Map.of("id", "gpt-4o", "name", "GPT-4o", "contextWindow", 128000, "maxTokens", 8192))));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(id).isNotBlank();
        assertThat(created.header("Location")).endsWith("/api/providers/" + id);
        long version = created.json().get("version").asLong();
        assertThat(created.header("ETag")).isEqualTo("\"" + version + "\"");
        assertThat(created.body()).doesNotContain("sk-created-").doesNotContain("enc:v1:");

        Api.Response read = admin.get(URI_PREFIX + id);
        assertThat(read.status()).isEqualTo(200);
        JsonNode provider = read.json();
        assertThat(provider.get("id").asText()).isEqualTo(id);
        assertThat(provider.get("name").asText()).isEqualTo(name);
        assertThat(provider.get("displayName").asText()).isEqualTo("Display " + name);
        assertThat(provider.get("type").asText()).isEqualTo("openai");
        assertThat(provider.get("active").asBoolean()).isTrue();
        assertThat(provider.get("version").asLong()).isEqualTo(version);
        assertThat(provider.get("models")).hasSize(1);
        JsonNode model = provider.get("models").get(0);
        assertThat(model.get("id").asText()).isEqualTo("gpt-4o");
        assertThat(model.get("name").asText()).isEqualTo("GPT-4o");
        assertThat(model.get("contextWindow").asInt()).isEqualTo(128000);
        assertThat(model.get("maxTokens").asInt()).isEqualTo(8192);
    }

    @Test
    void theListHasItemsAndNeverAKey() {
        String name = unique("prov");
        String id = createProvider(name, "m1");

        Api.Response list = admin.get("/api/providers");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("items").isArray()).isTrue();
        JsonNode mine = find(list.json().get("items"), "id", id);
        assertThat(mine.get("name").asText()).isEqualTo(name);
        assertThat(mine.get("apiKeySet").asBoolean()).isTrue();
        assertThat(mine.has("apiKey")).isFalse();
        assertThat(list.body()).doesNotContain("sk-" + name).doesNotContain("enc:v1:");
    }

    @Test
    void aPatchChangesOnlyTheFieldsItNamesAndMovesTheVersion() {
        String name = unique("prov");
        String id = createProvider(name, "m1", "m2");
        Api.Response before = admin.get(URI_PREFIX + id);

        Api.Response patched = admin.patch(URI_PREFIX + id, Map.of("displayName", "Renamed"),
                "If-Match", before.header("ETag"));

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        long newVersion = patched.json().get("version").asLong();
        assertThat(newVersion).isGreaterThan(before.json().get("version").asLong());
        assertThat(patched.header("ETag")).isEqualTo("\"" + newVersion + "\"");
        Api.Response after = admin.get(URI_PREFIX + id);
        assertThat(after.json().get("displayName").asText()).isEqualTo("Renamed");
        assertThat(after.json().get("version").asLong()).isEqualTo(newVersion);
        assertThat(after.header("ETag")).isEqualTo("\"" + newVersion + "\"");
        for (String unchanged : List.of("name", "type", "models", "apiKeySet", "active", "baseUrl", "apiType")) {
            assertThat(after.json().get(unchanged)).as(unchanged).isEqualTo(before.json().get(unchanged));
        }

        Api.Response models = admin.patch(URI_PREFIX + id, Map.of("models", List.of(Map.of("id", "m3"))));
        assertThat(models.status()).as(models.body()).isEqualTo(200);
        JsonNode afterModels = admin.get(URI_PREFIX + id).json();
        assertThat(afterModels.get("models")).extracting(m -> m.get("id").asText()).containsExactly("m3");
        assertThat(afterModels.get("displayName").asText()).isEqualTo("Renamed");
    }

    @Test
    void aPatchWithTheCurrentETagSucceedsAndAStaleOneIs412() {
        String id = createProvider(unique("prov"), "m1");
        String etag = admin.get(URI_PREFIX + id).header("ETag");
        assertThat(admin.patch(URI_PREFIX + id, Map.of("displayName", "One"), "If-Match", etag).status())
                .isEqualTo(200);

        Api.Response stale = admin.patch(URI_PREFIX + id, Map.of("displayName", "Two"), "If-Match", etag);

        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        Api.Response staleKey = admin.put(URI_PREFIX + id + "/api-key", Map.of("apiKey", "sk-new"), "If-Match", etag);
        assertThat(staleKey.status()).as(staleKey.body()).isEqualTo(412);
        Api.Response staleDelete = admin.delete(URI_PREFIX + id, "If-Match", etag);
        assertThat(staleDelete.status()).as(staleDelete.body()).isEqualTo(412);
        assertThat(admin.get(URI_PREFIX + id).json().get("displayName").asText()).isEqualTo("One");
    }

    @Test
    void puttingAnApiKeySetsItWithoutEverShowingIt() {
        String name = unique("prov");
        Api.Response created = admin.post("/api/providers", body(name, "openai", null, null,
                List.of(Map.of("id", "m1"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(admin.get(URI_PREFIX + id).json().get("apiKeySet").asBoolean()).isFalse();

        Api.Response put = admin.put(URI_PREFIX + id + "/api-key", Map.of("apiKey", "sk-put-" + name));

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("apiKeySet").asBoolean()).isTrue();
        assertThat(put.header("ETag")).isEqualTo("\"" + put.json().get("version").asLong() + "\"");
        Api.Response read = admin.get(URI_PREFIX + id);
        assertThat(read.json().get("apiKeySet").asBoolean()).isTrue();
        assertThat(read.json().get("version").asLong()).isEqualTo(put.json().get("version").asLong());
        assertThat(read.body()).doesNotContain("sk-put-").doesNotContain("enc:v1:");
        assertThat(put.body()).doesNotContain("sk-put-").doesNotContain("enc:v1:");
        assertThat(admin.get("/api/providers").body()).doesNotContain("sk-put-").doesNotContain("enc:v1:");

        Api.Response cleared = admin.put(URI_PREFIX + id + "/api-key", Map.of("apiKey", ""));
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(cleared.json().get("apiKeySet").asBoolean()).isFalse();
        assertThat(admin.get(URI_PREFIX + id).json().get("apiKeySet").asBoolean()).isFalse();
    }

    @Test
    void deletingIs204AndThenTheProviderIs404AndItsNameIsFree() {
        String name = unique("prov");
        String id = createProvider(name, "m1");

        Api.Response deleted = admin.delete(URI_PREFIX + id);

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        Api.Response read = admin.get(URI_PREFIX + id);
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.header("Content-Type")).startsWith("application/problem+json");
        assertThat(admin.get("/api/providers").json().get("items")).noneMatch(p -> p.get("id").asText().equals(id));
        assertThat(admin.delete(URI_PREFIX + id).status()).isEqualTo(404);
        assertThat(admin.patch(URI_PREFIX + id, Map.of("displayName", "x")).status()).isEqualTo(404);
        assertThat(admin.put(URI_PREFIX + id + "/api-key", Map.of("apiKey", "k")).status()).isEqualTo(404);
        createProvider(name, "m1");
    }

    @Test
    void anUnknownIdIs404ProblemForEveryMethod() {
        String id = UUID.randomUUID().toString();
        List<Api.Response> responses = List.of(
                admin.get(URI_PREFIX + id),
                admin.patch(URI_PREFIX + id, Map.of("displayName", "x")),
                admin.put(URI_PREFIX + id + "/api-key", Map.of("apiKey", "k")),
                admin.delete(URI_PREFIX + id));
        for (Api.Response response : responses) {
            assertThat(response.status()).as(response.body()).isEqualTo(404);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void invalidProvidersAre400NamingEachField() {
        assertInvalid(body("Not A Name", "openai", null, null, List.of(Map.of("id", "m"))), "name");
        assertInvalid(body("-starts-with-dash", "openai", null, null, List.of(Map.of("id", "m"))), "name");
        assertInvalid(body(unique("prov"), "openai", null, null, List.of()), "models");
        Map<String, Object> noModels = body(unique("prov"), "openai", null, null, List.of());
        noModels.remove("models");
        assertInvalid(noModels, "models");
        assertInvalid(body(unique("prov"), "openai", null, null,
                List.of(Map.of("id", "m1"), Map.of("id", "m1"))), "models[1].id");
        assertInvalid(body(unique("prov"), "custom", null, null, List.of(Map.of("id", "m"))), "baseUrl");
        assertInvalid(body(unique("prov"), "openai", "not a url", null, List.of(Map.of("id", "m"))), "baseUrl");
        assertInvalid(body(unique("prov"), "openai", "ftp://example.com/v1", null, List.of(Map.of("id", "m"))), "baseUrl");
        assertInvalid(body(unique("prov"), "grok", null, null, List.of(Map.of("id", "m"))), "type");
        Map<String, Object> noDisplayName = body(unique("prov"), "openai", null, null, List.of(Map.of("id", "m")));
        noDisplayName.remove("displayName");
        assertInvalid(noDisplayName, "displayName");

        Api.Response many = admin.post("/api/providers", body("BAD", "custom", null, null, List.of()));
        assertThat(many.status()).isEqualTo(400);
        assertThat(fields(many)).contains("name", "baseUrl", "models");

        String custom = unique("prov");
        Api.Response ok = admin.post("/api/providers", body(custom, "custom", "http://llm.internal:8000/v1", null,
                List.of(Map.of("id", "m"))));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(admin.get(URI_PREFIX + ok.json().get("id").asText()).json().get("effectiveBaseUrl").asText())
                .isEqualTo("http://llm.internal:8000/v1");
    }

    @Test
    void anInvalidPatchIs400AndChangesNothing() {
        String id = createProvider(unique("prov"), "m1");
        long version = admin.get(URI_PREFIX + id).json().get("version").asLong();

        Api.Response duplicate = admin.patch(URI_PREFIX + id, Map.of("displayName", "Changed",
                "models", List.of(Map.of("id", "a"), Map.of("id", "a"))));
        assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(400);
        assertThat(fields(duplicate)).contains("models[1].id");
        Api.Response badUrl = admin.patch(URI_PREFIX + id, Map.of("baseUrl", "nonsense"));
        assertThat(badUrl.status()).as(badUrl.body()).isEqualTo(400);
        assertThat(fields(badUrl)).contains("baseUrl");
        Api.Response customWithoutUrl = admin.patch(URI_PREFIX + id, Map.of("type", "custom"));
        assertThat(customWithoutUrl.status()).as(customWithoutUrl.body()).isEqualTo(400);
        assertThat(fields(customWithoutUrl)).contains("baseUrl");

        JsonNode after = admin.get(URI_PREFIX + id).json();
        assertThat(after.get("version").asLong()).isEqualTo(version);
        assertThat(after.get("displayName").asText()).isNotEqualTo("Changed");
    }

    @Test
    void aProviderUsedByAgentsCannotBeDeactivatedOrRemovedAndTheAnswerNamesThem() {
        String id = createProvider(unique("prov"), "m1", "m2");
        String first = unique("agent");
        String second = unique("agent");
        createAgent(first, id, "m1");
        createAgent(second, id, "m2");

        Api.Response deactivate = admin.patch(URI_PREFIX + id, Map.of("active", false));

        assertThat(deactivate.status()).as(deactivate.body()).isEqualTo(409);
        assertThat(deactivate.header("Content-Type")).startsWith("application/problem+json");
        assertThat(deactivate.json().get("agents")).extracting(JsonNode::asText).containsExactlyInAnyOrder(first, second);
        assertThat(admin.get(URI_PREFIX + id).json().get("active").asBoolean()).isTrue();

        Api.Response remove = admin.delete(URI_PREFIX + id);
        assertThat(remove.status()).as(remove.body()).isEqualTo(409);
        assertThat(remove.header("Content-Type")).startsWith("application/problem+json");
        assertThat(remove.json().get("agents")).extracting(JsonNode::asText).containsExactlyInAnyOrder(first, second);
        assertThat(admin.get(URI_PREFIX + id).status()).isEqualTo(200);

        Api.Response dropModel = admin.patch(URI_PREFIX + id, Map.of("models", List.of(Map.of("id", "m1"))));
        assertThat(dropModel.status()).as(dropModel.body()).isEqualTo(409);
        assertThat(dropModel.json().get("agents")).extracting(JsonNode::asText).containsExactly(second);

        assertThat(admin.delete("/api/agents/" + first).status()).isEqualTo(204);
        assertThat(admin.delete("/api/agents/" + second).status()).isEqualTo(204);
        Api.Response deactivated = admin.patch(URI_PREFIX + id, Map.of("active", false));
        assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);
        assertThat(admin.get(URI_PREFIX + id).json().get("active").asBoolean()).isFalse();
        Api.Response reactivated = admin.patch(URI_PREFIX + id, Map.of("active", true));
        assertThat(reactivated.status()).as(reactivated.body()).isEqualTo(200);
        assertThat(admin.get(URI_PREFIX + id).json().get("active").asBoolean()).isTrue();
        assertThat(admin.delete(URI_PREFIX + id).status()).isEqualTo(204);
    }

    private static final String URI_PREFIX = "/api/providers/";

    private void assertInvalid(Map<String, Object> body, String field) {
        Api.Response response = admin.post("/api/providers", body);
        assertThat(response.status()).as(field + ": " + response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fields(response)).as(response.body()).contains(field);
        if (body.get("name") instanceof String name) {
            assertThat(admin.get("/api/providers").json().get("items"))
                    .noneMatch(p -> p.get("name").asText().equals(name));
        }
    }

    static Map<String, Object> body(String name, String type, String baseUrl, String apiKey, List<?> models) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("displayName", "Display " + name);
        body.put("type", type);
        if (baseUrl != null) {
            body.put("baseUrl", baseUrl);
        }
        if (apiKey != null) {
            body.put("apiKey", apiKey);
        }
        body.put("models", models);
        return body;
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

    static JsonNode find(JsonNode items, String field, String value) {
        for (JsonNode item : items) {
            if (item.get(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no item with " + field + "=" + value + " in " + items);
    }
}
