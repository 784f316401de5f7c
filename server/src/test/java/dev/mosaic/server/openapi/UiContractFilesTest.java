package dev.mosaic.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.events.provider.ProviderType;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The web UI's API types are generated from the running server's OpenAPI description with openapi-typescript (the
 * copy installed in web-ui/node_modules), and its test fixture of the input rules is what {@code GET /api/rules}
 * answers: both are committed under web-ui/src/generated, and this test fails when either has drifted. Run it with
 * {@code -Dmosaic.regenerate=true} to rewrite them.
 */
class UiContractFilesTest extends IntegrationTest {
    private static final Path WEB_UI = Path.of("..", "web-ui").toAbsolutePath().normalize();
    private static final Path GENERATED = WEB_UI.resolve("src/generated");
    private static final Path WORK = Path.of("target", "ui-contract").toAbsolutePath();
    private static final boolean REGENERATE = Boolean.getBoolean("mosaic.regenerate");
    private static final String HOW = "regenerate with: ./mvnw -B -pl server -am verify -Dexec.skip=true "
            + "-Dtest=UiContractFilesTest -Dsurefire.failIfNoSpecifiedTests=false -Dmosaic.regenerate=true";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void theUiTypesAreWhatOpenapiTypescriptGeneratesFromTheApiDescription() throws Exception {
        Api.Response docs = admin.get("/api/docs.json");
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        ObjectNode description = (ObjectNode) docs.json();
        description.remove("servers"); // names this test server's random port
        Files.createDirectories(WORK);
        Path docsFile = WORK.resolve("docs.json");
        Files.writeString(docsFile, JSON.writeValueAsString(description));
        Path types = WORK.resolve("api.d.ts");

        Path cli = WEB_UI.resolve("node_modules/openapi-typescript/bin/cli.js");
        assertThat(cli).as("openapi-typescript is installed in web-ui (npm ci)").exists();
        Process process = new ProcessBuilder(List.of("node", cli.toString(), docsFile.toString(), "-o", types.toString()))
                .directory(WEB_UI.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("openapi-typescript finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        compare(GENERATED.resolve("api.d.ts"), Files.readString(types));
    }

    /** The provider types are written out in schema annotations (an annotation takes only literals): the same list. */
    @Test
    void theDocumentedProviderTypesAreTheProviderTypes() throws Exception {
        JsonNode schemas = admin.get("/api/docs.json").json().path("components").path("schemas");
        List<String> types = Arrays.stream(ProviderType.values()).map(ProviderType::wireName).toList();
        for (String schema : List.of("ProviderView", "ProviderTypeRule")) {
            List<String> documented = new ArrayList<>();
            schemas.path(schema).path("properties").path("type").path("enum").forEach(v -> documented.add(v.asText()));
            assertThat(documented).as(schema + ".type").isEqualTo(types);
        }
    }

    @Test
    void theUiRulesFixtureIsWhatTheServerServes() throws Exception {
        Api.Response rules = anonymous().get("/api/rules");
        assertThat(rules.status()).as(rules.body()).isEqualTo(200);
        JsonNode body = rules.json();
        assertThat(body.at("/name/pattern").asText()).isEqualTo("^[a-z0-9][a-z0-9-]{1,62}$");
        assertThat(body.at("/password/minLength").asInt()).isEqualTo(12);

        compare(GENERATED.resolve("rules.json"), JSON.writeValueAsString(body) + "\n");
    }

    private static void compare(Path committed, String generated) throws IOException {
        if (REGENERATE) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, generated);
            return;
        }
        String current = Files.exists(committed) ? Files.readString(committed) : "";
        if (!current.equals(generated)) {
            fail(WEB_UI.relativize(committed) + " is not what the server's API gives; " + HOW);
        }
    }
}
