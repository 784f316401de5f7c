package dev.mosaic.server.provider;

import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

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
}
