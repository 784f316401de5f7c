package dev.mosaic.query.rendering;

import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.Provider;
import dev.mosaic.query.testing.VisibleCipher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.provider.ProviderType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The renderer against the config shapes in {@code ops/test/samples} (checked against the real gateway): each
 * sample is turned into the agent and providers it describes (types and defaults inferred, so the defaults are
 * exercised), rendered, and compared with the sample as JSON and with the golden bytes in
 * {@code src/test/resources/golden} (canonical form: sorted keys, two-space indent). Mosaic adds
 * {@code agents.defaults.skipBootstrap} and always writes {@code fallbacks}. {@code -Dgolden.update=true}
 * rewrites the golden files.
 */
class OpenClawConfigGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RenderSecrets SECRETS = new RenderSecrets(new VisibleCipher());
    private static final Path SAMPLES = Path.of("..", "ops", "test", "samples");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void rendersTheSampleShape(Path sample) throws IOException {
        JsonNode expected = JSON.readTree(sample.toFile());
        Map<String, Provider> providers = new LinkedHashMap<>();
        expected.path("models").path("providers").fields().forEachRemaining(entry ->
                providers.put("id-" + entry.getKey(), provider("id-" + entry.getKey(), entry.getKey(), entry.getValue())));
        JsonNode model = expected.path("agents").path("defaults").path("model");
        String[] primary = model.path("primary").asText().split("/", 2);
        List<ModelRef> fallbacks = new ArrayList<>();
        model.path("fallbacks").forEach(f -> {
            String[] ref = f.asText().split("/", 2);
            fallbacks.add(new ModelRef("id-" + ref[0], ref[1]));
        });
        List<String> tools = new ArrayList<>();
        expected.path("tools").path("allow").forEach(t -> tools.add(t.asText()));
        JsonNode gateway = expected.path("gateway");
        Agent agent = new Agent("agent-1", "agent", "Agent", null, "http://agent:" + gateway.path("port").asInt(),
                "id-" + primary[0], primary[1], fallbacks, "You are helpful.", tools, false, true, 1,
                VisibleCipher.sealed(gateway.path("auth").path("token").asText()), "hash");

        OpenClawConfig.Rendered rendered = OpenClawConfig.render(agent, providers, SECRETS);

        ObjectNode withMosaicKeys = expected.deepCopy();
        ObjectNode defaults = (ObjectNode) withMosaicKeys.path("agents").path("defaults");
        defaults.put("skipBootstrap", true);
        if (!defaults.path("model").has("fallbacks")) {
            ((ObjectNode) defaults.path("model")).set("fallbacks", JSON.createArrayNode());
        }
        assertThat(JSON.readTree(rendered.bytes())).isEqualTo(withMosaicKeys);
        Path golden = GOLDEN.resolve(sample.getFileName());
        if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
            Files.write(golden, rendered.bytes());
        }
        assertThat(new String(rendered.bytes(), StandardCharsets.UTF_8)).isEqualTo(Files.readString(golden));
        assertThat(rendered.etag()).isEqualTo(OpenClawConfig.sha256(rendered.bytes()));
    }

    @Test
    void theSameInputIsAlwaysTheSameBytes() {
        Agent agent = new Agent("a", "a", "A", null, "http://a", null, null, List.of(), null, List.of(), false, true, 1,
                VisibleCipher.sealed("t"), "hash");
        assertThat(OpenClawConfig.render(agent, Map.of(), SECRETS).bytes())
                .isEqualTo(OpenClawConfig.render(agent, Map.of(), SECRETS).bytes());
    }

    /** The provider a sample entry describes; where its baseUrl is its type's default, the default is left to Mosaic. */
    private static Provider provider(String id, String name, JsonNode node) {
        String baseUrl = node.path("baseUrl").asText();
        String api = node.path("api").asText();
        String type = switch (baseUrl) {
            case "https://api.openai.com/v1" -> "openai";
            case "https://api.anthropic.com" -> "anthropic";
            case "https://api.z.ai/api/paas/v4" -> "zai";
            case "http://localhost:11434" -> "ollama";
            default -> "custom";
        };
        List<ProviderModel> models = new ArrayList<>();
        for (JsonNode m : (ArrayNode) node.path("models")) {
            models.add(new ProviderModel(m.path("id").asText(), m.path("name").asText(),
                    m.has("contextWindow") ? m.path("contextWindow").asInt() : null,
                    m.has("maxTokens") ? m.path("maxTokens").asInt() : null));
        }
        String defaultApi = ProviderType.fromWireName(type).map(t -> t.defaultApiType().wireName()).orElse(null);
        return new Provider(id, name, name, type, type.equals("custom") ? baseUrl : null,
                api.equals(defaultApi) ? null : api,
                node.has("apiKey") ? VisibleCipher.sealed(node.path("apiKey").asText()) : null, models, true, 1);
    }
}
