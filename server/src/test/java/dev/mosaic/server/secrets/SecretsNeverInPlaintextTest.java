package dev.mosaic.server.secrets;

import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Plants secrets through the API and looks for them everywhere they must never be. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverInPlaintextTest extends IntegrationTest {
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void apiKeysAndAgentTokensAreAbsentFromEveryTableTheAuditApiAndTheLog(CapturedOutput output) {
        String firstKey = "sk-planted-" + UUID.randomUUID();
        String secondKey = "sk-planted-" + UUID.randomUUID();
        String provider = unique("secret");
        Api.Response created = admin.post("/api/providers", Map.of("name", provider, "displayName", "Secret",
                "type", "openai", "apiKey", firstKey, "models", List.of(Map.of("id", "m1"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String providerId = created.json().get("id").asText();
        assertThat(admin.put("/api/providers/" + providerId + "/api-key", Map.of("apiKey", secondKey)).status())
                .isEqualTo(200);
        String agent = unique("secret-agent");
        String firstToken = createAgent(agent, providerId, "m1");
        String secondToken = admin.post("/api/agents/" + agent + "/token", null).json().get("token").asText();
        List<String> secrets = List.of(firstKey, secondKey, firstToken, secondToken);

        List<String> tablesHoldingSecrets = new ArrayList<>();
        for (String table : jdbc.queryForList(
                "select table_name from information_schema.tables where table_schema = 'public'", String.class)) {
            jdbc.query("select * from " + table, rs -> {
                for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                    byte[] bytes = rs.getBytes(column);
                    String text = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8) + rs.getString(column);
                    secrets.stream().filter(text::contains).forEach(s -> tablesHoldingSecrets.add(table));
                }
            });
        }
        assertThat(tablesHoldingSecrets).as("tables with a plaintext secret").isEmpty();

        String audit = admin.get("/api/audit?limit=500").body();
        assertThat(audit).contains(providerId);
        secrets.forEach(secret -> assertThat(audit).doesNotContain(secret));
        assertThat(audit).doesNotContain("enc:v1:");

        secrets.forEach(secret -> assertThat(output.getAll()).doesNotContain(secret));
    }

    @Test
    void secretsAreStoredAsCiphertextsInTheEventStore() {
        String key = "sk-planted-" + UUID.randomUUID();
        admin.post("/api/providers", Map.of("name", unique("cipher"), "displayName", "Cipher", "type", "openai",
                "apiKey", key, "models", List.of(Map.of("id", "m1"))));

        String payload = jdbc.queryForObject("""
                select convert_from(payload, 'UTF8') from domain_event_entry
                where payload_type like '%ProviderRegistered' order by global_index desc limit 1""", String.class);

        assertThat(payload).contains("\"ciphertext\":\"enc:v1:").doesNotContain(key);
    }
}
