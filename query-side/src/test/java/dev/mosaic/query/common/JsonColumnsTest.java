package dev.mosaic.query.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.Provider;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.mosaic.query.testing.VisibleCipher.sealed;
import static org.assertj.core.api.Assertions.assertThat;

class JsonColumnsTest {
    private static final ObjectMapper API = new ObjectMapper();
    private static final Agent AGENT = new Agent("a1", "support", "Support", null, "http://s:1", "p1", "gpt-4o",
            List.of(new ModelRef("p2", "glm-5")), "Be kind.", List.of("web"), false, true, 7, sealed("mag_token"), "hash");

    @Test
    void theStoredFormKeepsSecretsCiphertextsAndReadsBackTheSameRecord() {
        JsonColumns columns = new JsonColumns(API);
        String stored = columns.write(AGENT);
        assertThat(stored).contains("\"tokenHash\":\"hash\"").contains(SecretRefText.of("mag_token"));
        assertThat(columns.read(stored, Agent.class)).isEqualTo(AGENT);
        Provider provider = new Provider("p1", "openai", "OpenAI", "openai", null, null, sealed("sk"), List.of(), true, 1);
        assertThat(columns.read(columns.write(provider), Provider.class)).isEqualTo(provider);
    }

    @Test
    void apiAnswersNeverCarryTheTokenOrKey() throws Exception {
        String answer = API.writeValueAsString(AGENT);
        assertThat(answer).doesNotContain("token").doesNotContain("mag_token").startsWith("{\"id\":\"a1\",\"name\"");
        assertThat(API.writeValueAsString(new Provider("p1", "openai", "OpenAI", "openai", null, null, sealed("sk-x"),
                List.of(), true, 1))).doesNotContain("sk-x").doesNotContain("apiKey");
    }

    @Test
    void aPropertyARecordNoLongerHasIsSkipped() {
        JsonColumns columns = new JsonColumns(API);
        String stored = columns.write(AGENT).replaceFirst("\\{", "{\"retired\":1,");
        assertThat(columns.read(stored, Agent.class)).isEqualTo(AGENT);
    }

    private static final class SecretRefText {
        static String of(String plaintext) {
            return sealed(plaintext).ciphertext();
        }
    }
}
