package dev.mosaic.server.lifecycle;

import dev.mosaic.command.api.SetupCodes;
import dev.mosaic.server.MosaicApplication;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whole-process behaviour across restarts, with the right and the wrong master key. */
class RestartAndKeyTest {
    private static final String KEY = "restart-test-secret-key-0123456789abcdefgh";

    @Test
    void aRestartOnTheSameDatabaseKeepsStateAndSignInWorks() {
        String database = TestDatabase.fresh();
        String providerId;
        try (ConfigurableApplicationContext first = start(database, KEY)) {
            Api api = new Api(port(first));
            String code = first.getBean(SetupCodes.class).issue();
            assertThat(api.post("/api/onboarding/breakglass", Map.of("username", "root",
                    "password", "root-password-123", "setupCode", code)).status()).isEqualTo(201);
            Api.Response created = api.post("/api/providers", Map.of("name", "kept", "displayName", "Kept",
                    "type", "anthropic", "apiKey", "sk-ant-kept", "models", List.of(Map.of("id", "claude"))));
            assertThat(created.status()).isEqualTo(201);
            providerId = created.json().get("id").asText();
        }

        try (ConfigurableApplicationContext second = start(database, KEY)) {
            Api api = new Api(port(second));
            assertThat(api.login("root", "root-password-123").status()).isEqualTo(200);
            Api.Response provider = api.get("/api/providers/" + providerId);
            assertThat(provider.status()).isEqualTo(200);
            assertThat(provider.json().get("name").asText()).isEqualTo("kept");
            assertThat(provider.json().get("apiKeySet").asBoolean()).isTrue();
            assertThat(api.get("/api/onboarding/status").json().get("breakglassCreated").asBoolean()).isTrue();
            assertThat(api.get("/api/audit?entityId=" + providerId).json().get("items")).hasSize(1);
        }
    }

    @Test
    void anotherMasterKeyIsRefusedAtStartNamingTheVariable() {
        String database = TestDatabase.fresh();
        start(database, KEY).close();

        assertThatThrownBy(() -> start(database, "a-different-secret-key-0123456789abcdefgh"))
                .satisfies(e -> assertThat(MosaicApplication.startupCause(e)).isNotNull()
                        .satisfies(cause -> assertThat(cause.getMessage()).contains("MOSAIC_SECRET_KEY")
                                .contains("key check value")));
    }

    @Test
    void theProcessExitsNonZeroWithOneLineWhenTheKeyIsWrongOrMissing() throws Exception {
        String database = TestDatabase.fresh();
        start(database, KEY).close();
        String url = database + (TestDatabase.user() == null ? "" : (database.contains("?") ? "&" : "?") + "user=" + TestDatabase.user());

        Process wrongKey = launch(Map.of("DATABASE_URL", url, "MOSAIC_SECRET_KEY", "x".repeat(40)));
        Process missingKey = launch(Map.of("DATABASE_URL", url));

        String wrongKeyErrors = errors(wrongKey);
        assertThat(wrongKey.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(wrongKey.exitValue()).isNotZero();
        assertThat(startupLine(wrongKeyErrors)).as(wrongKeyErrors)
                .contains("Mosaic cannot start: MOSAIC_SECRET_KEY does not match");
        String missingKeyErrors = errors(missingKey);
        assertThat(missingKey.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(missingKey.exitValue()).isNotZero();
        assertThat(startupLine(missingKeyErrors).strip()).as(missingKeyErrors).isEqualTo(
                "Mosaic cannot start: MOSAIC_SECRET_KEY is not set: set it to a random secret of at least 32 characters (e.g. `openssl rand -base64 48`).");
    }

    private static ConfigurableApplicationContext start(String database, String key) {
        Map<String, Object> properties = new java.util.HashMap<>();
        properties.put("spring.datasource.url", database);
        if (TestDatabase.user() != null) {
            properties.put("spring.datasource.username", TestDatabase.user());
        }
        properties.put("mosaic.secret-key", key);
        properties.put("spring.jmx.enabled", false);
        return new SpringApplicationBuilder(MosaicApplication.class).properties(properties).run("--server.port=0", "--server.address=127.0.0.1");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static Process launch(Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MosaicApplication.class.getName(),
                "--server.port=0", "--server.address=127.0.0.1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("MOSAIC_SECRET_KEY");
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Everything the process wrote to stderr (read to the end, so the pipe never fills). */
    private static String errors(Process process) throws IOException {
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String startupLine(String errors) {
        return errors.lines().filter(line -> line.startsWith("Mosaic cannot start")).findFirst().orElse("");
    }
}
