package dev.mosaic.server.rendering;

import dev.mosaic.server.MosaicApplication;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Mosaic process commits changes and is killed (SIGKILL) before it renders them: the next process to start
 * on the database renders what is missing, found from the event positions the commands left in render_request.
 */
class RenderAfterCrashTest {
    private static final String KEY = "crash-test-secret-key-0123456789abcdefghij";

    @Test
    void changesCommittedByAKilledProcessAreRenderedByTheNextStart() throws Exception {
        String database = TestDatabase.fresh();
        String url = database + (TestDatabase.user() == null ? ""
                : (database.contains("?") ? "&" : "?") + "user=" + TestDatabase.user());
        int port = freePort();
        // The renderer is switched off, which is what a kill right after the commit leaves behind.
        Process process = launch(url, port);
        String agent = "crash-agent";
        String token;
        try {
            String setupCode = setupCode(process);
            awaitUp(port);
            Api api = new Api(port);
            assertThat(api.post("/api/onboarding/breakglass", Map.of("username", "root",
                    "password", "root-password-123", "setupCode", setupCode)).status()).isEqualTo(201);
            Api.Response provider = api.post("/api/providers", Map.of("name", "crash", "displayName", "Crash",
                    "type", "openai", "apiKey", "sk-crash", "models", List.of(Map.of("id", "m1", "name", "M1"))));
            assertThat(provider.status()).as(provider.body()).isEqualTo(201);
            Api.Response created = api.post("/api/agents", Map.of("name", agent, "displayName", "Crash",
                    "gatewayUrl", "http://127.0.0.1:18789", "providerId", provider.json().get("id").asText(),
                    "primaryModel", "m1"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            token = created.json().get("token").asText();
            assertThat(api.get("/api/agents/" + agent).status()).isEqualTo(200);
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(count(url, "select count(*) from agent_config_version")).isZero();
        assertThat(count(url, "select count(*) from render_request")).isPositive();

        try (ConfigurableApplicationContext next = start(database)) {
            int nextPort = ((WebServerApplicationContext) next).getWebServer().getPort();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            HttpResponse<String> config;
            do {
                Thread.sleep(50);
                config = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + nextPort + "/api/internal/agent-config/" + agent))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            } while (config.statusCode() != 200 && System.nanoTime() < deadline);
            assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
            assertThat(config.headers().firstValue("X-Config-Version")).hasValue("1");
            assertThat(config.body()).contains("\"crash/m1\"").contains("sk-crash");
            assertThat(count(url, "select count(*) from render_request")).isZero();
            assertThat(count(url, "select count(*) from agent_config_version where first_seq is not null")).isEqualTo(1);
        }
    }

    private static Process launch(String url, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), MosaicApplication.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--mosaic.rendering.enabled=false"))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DATABASE_URL", url);
        builder.environment().put("MOSAIC_SECRET_KEY", KEY);
        return builder.start();
    }

    /** Reads the log until the setup code appears, then keeps draining it so the pipe never fills. */
    private static String setupCode(Process process) throws Exception {
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> code = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = log.readLine()) != null; ) {
                    int at = line.indexOf("Setup code: ");
                    if (at >= 0) {
                        return line.substring(at + "Setup code: ".length()).strip();
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                return null;
            }
        });
        String found = code.get(120, TimeUnit.SECONDS);
        Thread drain = new Thread(() -> {
            try {
                while (log.readLine() != null) {
                    // discard
                }
            } catch (java.io.IOException ignored) {
                // the process is gone
            }
        });
        drain.setDaemon(true);
        drain.start();
        assertThat(found).isNotNull();
        return found;
    }

    private static void awaitUp(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the process did not come up on port " + port);
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static ConfigurableApplicationContext start(String database) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", database);
        if (TestDatabase.user() != null) {
            properties.put("spring.datasource.username", TestDatabase.user());
        }
        properties.put("mosaic.secret-key", KEY);
        properties.put("spring.jmx.enabled", false);
        return new SpringApplicationBuilder(MosaicApplication.class).properties(properties)
                .run("--server.port=0", "--server.address=127.0.0.1");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
