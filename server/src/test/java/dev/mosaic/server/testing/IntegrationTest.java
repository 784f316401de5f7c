package dev.mosaic.server.testing;

import dev.mosaic.command.api.BreakglassDirectory;
import dev.mosaic.command.api.SetupCodes;
import dev.mosaic.query.api.AgentConfigs;
import dev.mosaic.server.MosaicApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the HTTP integration tests: the whole server on a random port against a real PostgreSQL. Every
 * subclass shares one Spring context and one database (created once), so tests use unique names and never
 * assume an empty database. An admin exists before each test ({@link #admin}).
 */
@AutoConfigureObservability(tracing = false) // metrics exported as in production: /actuator/prometheus is scraped
@SpringBootTest(classes = {MosaicApplication.class, SessionLookups.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String SECRET_KEY = "integration-tests-secret-key-0123456789abcdef";
    /** Shorter than the production 15 s so that a test can see heartbeats. */
    public static final int HEARTBEAT_SECONDS = 1;

    static {
        LogScan.plant(ADMIN_PASSWORD);
        LogScan.plant(SECRET_KEY);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected SetupCodes setupCodes;
    @Autowired
    protected BreakglassDirectory breakglass;

    @Autowired
    protected AgentConfigs servedConfigs;
    @Autowired
    protected JdbcTemplate database;

    /** Signed in as the breakglass admin. */
    protected Api admin;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabase.url("mosaic_it"));
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("mosaic.secret-key", () -> SECRET_KEY);
        registry.add("mosaic.agent-stream.heartbeat-seconds", () -> HEARTBEAT_SECONDS);
        // every batch of more than two agents is rendered in several chunks, as a batch of thousands is
        registry.add("mosaic.rendering.chunk-size", () -> 2);
        // the gateways' readiness probes (30 s in production), so that a test sees their answers change
        registry.add("mosaic.health.interval", () -> "500ms");
        registry.add("mosaic.chat.first-byte-timeout", () -> "10s");
        registry.add("mosaic.chat.idle-timeout", () -> "10s");
    }

    @BeforeEach
    void signInAdmin() {
        Api.afterEachWrite(this::awaitRendered);
        admin = new Api(port);
        if (!breakglass.anyUser()) {
            String code = setupCodes.issue();
            Api.Response created = admin.post("/api/onboarding/breakglass",
                    Map.of("username", ADMIN, "password", ADMIN_PASSWORD, "setupCode", code));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        } else {
            Api.Response login = admin.login(ADMIN, ADMIN_PASSWORD);
            assertThat(login.status()).as(login.body()).isEqualTo(200);
        }
    }

    @AfterEach
    void stopWaitingForRenders() {
        Api.afterEachWrite(() -> {
        });
    }

    /**
     * Waits until every committed change is rendered and this node serves it: no render request is pending
     * and this node has applied the newest rendered batch. Writes answer before their agents' configs are
     * rendered (a few milliseconds later); tests that read configs right after a write wait here.
     */
    protected void awaitRendered() {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Long renderedThrough = database.queryForObject(
                    "select case when exists (select 1 from render_request) then null else last_seq end"
                            + " from render_state", Long.class);
            if (renderedThrough != null && servedConfigs.servedThroughSeq() >= renderedThrough) {
                return;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("agent configs not rendered within 20 s");
    }

    protected Api anonymous() {
        return new Api(port);
    }

    /** A name no other test uses: {@code prefix-xxxxxxxx}. */
    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers an OpenAI-type provider with the given models; returns its id. */
    protected String createProvider(String name, String... models) {
        var modelList = java.util.Arrays.stream(models).map(m -> Map.of("id", m, "name", m.toUpperCase())).toList();
        Api.Response response = admin.post("/api/providers", Map.of("name", name, "displayName", name,
                "type", "openai", "apiKey", "sk-" + name, "models", modelList));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    /** Registers an agent using the provider's model; returns its token. */
    protected String createAgent(String name, String providerId, String model) {
        Api.Response response = admin.post("/api/agents", Map.of("name", name, "displayName", name,
                "gatewayUrl", "http://127.0.0.1:18789", "providerId", providerId, "primaryModel", model));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("token").asText();
    }
}
