package dev.mosaic.server.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.command.api.SetupCodes;
import dev.mosaic.query.api.BreakglassCredentials;
import dev.mosaic.server.MosaicApplication;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.TestDatabase;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first boot of an installation, on a database of its own: what an anonymous client sees before any admin
 * exists, the breakglass step and its refusals, the wizard's later steps, and (last, because a client address
 * that failed to sign in five times is refused for 15 minutes, which would lock every later test out) the
 * sign-in throttle. The tests run in order and share one browser-like client ({@link #wizard}).
 */
@SpringBootTest(classes = MosaicApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstBootApiTest {
    private static final String USERNAME = "first-admin";
    private static final String PASSWORD = "first-admin-password";

    @LocalServerPort
    int port;
    @Autowired
    SetupCodes setupCodes;
    @Autowired
    BreakglassCredentials credentials;

    /** The operator's browser, from the first page to the end of the wizard. */
    private Api wizard;
    private String providerId;

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) {
        String url = TestDatabase.fresh();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("mosaic.secret-key", () -> IntegrationTest.SECRET_KEY);
    }

    @Test
    @Order(1)
    void beforeAnythingExistsTheStatusSaysSoAndHandsOutACsrfToken() {
        wizard = new Api(port);

        Api.Response status = wizard.get("/api/onboarding/status");

        assertThat(status.status()).as(status.body()).isEqualTo(200);
        JsonNode body = status.json();
        assertThat(body.get("completed").asBoolean()).isFalse();
        assertThat(body.get("breakglassCreated").asBoolean()).isFalse();
        assertThat(body.get("oidcConfigured").asBoolean()).isFalse();
        assertThat(body.get("providers").asLong()).isZero();
        assertThat(body.get("agents").asLong()).isZero();
        assertThat(setCookies(status)).anySatisfy(c -> assertThat(c).startsWith("XSRF-TOKEN="));
        assertThat(wizard.cookie("XSRF-TOKEN")).isNotBlank();
    }

    @Test
    @Order(2)
    void beforeOnboardingEverythingButTheOpenStepsIs401() {
        Api stranger = anonymous();
        List<String[]> calls = List.of(
                new String[]{"GET", "/api/auth/me"},
                new String[]{"GET", "/api/providers"},
                new String[]{"POST", "/api/providers"},
                new String[]{"GET", "/api/agents"},
                new String[]{"POST", "/api/agents"},
                new String[]{"GET", "/api/audit"},
                new String[]{"POST", "/api/onboarding/provider"},
                new String[]{"POST", "/api/onboarding/agents"},
                new String[]{"POST", "/api/onboarding/complete"},
                new String[]{"POST", "/api/onboarding/oidc"},
                new String[]{"GET", "/api/docs.json"});
        for (String[] call : calls) {
            Api.Response response = stranger.sendRaw(call[0], call[1], call[0].equals("GET") ? null : "{}");
            assertThat(response.status()).as(call[0] + " " + call[1] + ": " + response.body()).isEqualTo(401);
            assertThat(response.header("Content-Type")).as(call[1]).startsWith("application/problem+json");
            assertThat(response.header("Location")).as(call[1]).isNull();
        }
    }

    @Test
    @Order(3)
    void aWrongSetupCodeIs403AndCreatesNobody() {
        setupCodes.issue();

        Api.Response wrong = wizard.post("/api/onboarding/breakglass",
                Map.of("username", USERNAME, "password", PASSWORD, "setupCode", "AAAA-BBBB-CCCC"));

        assertThat(wrong.status()).as(wrong.body()).isEqualTo(403);
        assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrong.json().get("status").asInt()).isEqualTo(403);
        assertThat(wizard.get("/api/onboarding/status").json().get("breakglassCreated").asBoolean()).isFalse();
        assertThat(wizard.get("/api/auth/me").status()).isEqualTo(401);
    }

    @Test
    @Order(4)
    void aPasswordUnder12CharactersIs400NamingThePassword() {
        String code = setupCodes.issue();

        Api.Response shortPassword = wizard.post("/api/onboarding/breakglass",
                Map.of("username", USERNAME, "password", "elevenchars", "setupCode", code));

        assertThat(shortPassword.status()).as(shortPassword.body()).isEqualTo(400);
        assertThat(shortPassword.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fields(shortPassword)).contains("password");
        assertThat(shortPassword.body()).doesNotContain("elevenchars");
        assertThat(wizard.get("/api/onboarding/status").json().get("breakglassCreated").asBoolean()).isFalse();
    }

    @Test
    @Order(5)
    void theFirstBreakglassUserIsCreatedWith201AndIsSignedIn() {
        String code = setupCodes.issue();

        Api.Response created = wizard.post("/api/onboarding/breakglass",
                Map.of("username", USERNAME, "password", PASSWORD, "setupCode", code));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Response me = wizard.get("/api/auth/me");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("username").asText()).isEqualTo(USERNAME);
        assertThat(me.json().get("authMethod").asText()).isEqualTo("breakglass");
        assertThat(me.json().get("roles")).extracting(JsonNode::asText).containsExactly("ADMIN");
        JsonNode status = wizard.get("/api/onboarding/status").json();
        assertThat(status.get("breakglassCreated").asBoolean()).isTrue();
        assertThat(status.get("completed").asBoolean()).isFalse();
    }

    @Test
    @Order(6)
    void aSecondBreakglassUserIs409EvenWithAValidCode() {
        String code = setupCodes.issue();
        Api other = anonymous();

        Api.Response second = other.post("/api/onboarding/breakglass",
                Map.of("username", "intruder", "password", "intruder-password", "setupCode", code));

        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(second.header("Content-Type")).startsWith("application/problem+json");
        assertThat(other.get("/api/auth/me").status()).isEqualTo(401);
        // (not by signing in as the intruder: a failed sign-in would count towards the throttle tested last)
        assertThat(credentials.byUsername("intruder")).isEmpty();
        assertThat(credentials.byUsername(USERNAME)).isPresent();
    }

    @Test
    @Order(7)
    void afterTheBreakglassStepTheWizardStepsNeedTheAdminSession() {
        Api stranger = anonymous();
        for (String step : List.of("provider", "agents", "complete", "oidc")) {
            Api.Response response = stranger.post("/api/onboarding/" + step, Map.of());
            assertThat(response.status()).as(step + ": " + response.body()).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    @Order(8)
    void theWizardRegistersAProvider() {
        Api.Response created = wizard.post("/api/onboarding/provider", Map.of("name", "openai",
                "displayName", "OpenAI", "type", "openai", "apiKey", "sk-onboarding-secret",
                "models", List.of(Map.of("id", "gpt-4o", "name", "GPT-4o"))));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        providerId = created.json().get("id").asText();
        assertThat(created.header("Location")).endsWith("/api/providers/" + providerId);
        assertThat(created.body()).doesNotContain("sk-onboarding-secret");
        Api.Response read = wizard.get("/api/providers/" + providerId);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("apiKeySet").asBoolean()).isTrue();
        assertThat(wizard.get("/api/onboarding/status").json().get("providers").asLong()).isEqualTo(1);

        Api.Response invalid = wizard.post("/api/onboarding/provider", Map.of("name", "Not A Name",
                "displayName", "x", "type", "openai", "models", List.of()));
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        assertThat(fields(invalid)).contains("name", "models");
    }

    @Test
    @Order(9)
    void theWizardRegistersAgentsAndShowsEachTokenOnce() {
        Api.Response none = wizard.post("/api/onboarding/agents", Map.of("agents", List.of()));
        assertThat(none.status()).as(none.body()).isEqualTo(400);
        assertThat(fields(none)).contains("agents");

        Api.Response created = wizard.post("/api/onboarding/agents", Map.of("agents", List.of(
                agent("support", "http://127.0.0.1:9/", providerId), agent("sales", "http://127.0.0.1:9", null))));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode agents = created.json().get("agents");
        assertThat(agents).hasSize(2);
        assertThat(agents).extracting(a -> a.get("name").asText()).containsExactly("support", "sales");
        List<String> tokens = new ArrayList<>();
        agents.forEach(a -> tokens.add(a.get("token").asText()));
        assertThat(tokens).allSatisfy(t -> assertThat(t).startsWith("mag_")).doesNotHaveDuplicates();
        for (String token : tokens) {
            assertThat(wizard.get("/api/agents").body()).doesNotContain(token);
            assertThat(wizard.get("/api/agents/support").body()).doesNotContain(token);
        }
        assertThat(wizard.get("/api/onboarding/status").json().get("agents").asLong()).isEqualTo(2);

        Api.Response badReference = wizard.post("/api/onboarding/agents", Map.of("agents", List.of(
                Map.of("name", "ghost", "displayName", "Ghost", "gatewayUrl", "http://127.0.0.1:9",
                        "providerId", UUID.randomUUID().toString(), "primaryModel", "gpt-4o"))));
        assertThat(badReference.status()).as(badReference.body()).isEqualTo(400);
        assertThat(fields(badReference)).containsExactly("agents[0].providerId");
    }

    @Test
    @Order(10)
    void completingAnswersWithTheDeploySummaryAndAGatewayHealthCheck() {
        Api.Response complete = wizard.post("/api/onboarding/complete", null);

        assertThat(complete.status()).as(complete.body()).isEqualTo(200);
        JsonNode summary = complete.json();
        assertThat(summary.get("completed").asBoolean()).isTrue();
        assertThat(summary.get("providers")).extracting(p -> p.get("name").asText()).containsExactly("openai");
        assertThat(summary.get("providers").get(0).get("id").asText()).isEqualTo(providerId);
        assertThat(summary.get("agents")).extracting(a -> a.get("name").asText())
                .containsExactlyInAnyOrder("support", "sales");
        assertThat(summary.get("agents")).filteredOn(a -> a.get("name").asText().equals("support"))
                .extracting(a -> a.get("primaryModel").asText()).containsExactly("gpt-4o");
        for (JsonNode agent : summary.get("agents")) {
            // nothing listens on port 9: each gateway is reported, as unreachable
            assertThat(agent.get("gateway").get("reachable").asBoolean()).as(agent.toString()).isFalse();
            assertThat(agent.get("gateway").get("error").asText()).isNotBlank();
        }
        assertThat(complete.body()).doesNotContain("sk-onboarding-secret").doesNotContain("mag_")
                .doesNotContain("enc:v1:");
        JsonNode status = wizard.get("/api/onboarding/status").json();
        assertThat(status.get("completed").asBoolean()).isTrue();
        assertThat(status.get("breakglassCreated").asBoolean()).isTrue();
        assertThat(status.get("providers").asLong()).isEqualTo(1);
        assertThat(status.get("agents").asLong()).isEqualTo(2);
    }

    @Test
    @Order(11)
    void theCreatedAdminSignsInWithThePassword() {
        Api browser = anonymous();

        Api.Response login = browser.login(USERNAME, PASSWORD);

        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(browser.get("/api/auth/me").json().get("username").asText()).isEqualTo(USERNAME);
    }

    /**
     * Last: five failed sign-ins from one client address lock that address (this test's 127.0.0.1) out for 15
     * minutes, whichever usernames they tried, so no test of this context may sign in after it.
     */
    @Test
    @Order(100)
    void aWrongPasswordIs401AndAfterFiveFailuresSignInIs429WithRetryAfter() {
        Api guesser = anonymous();

        Api.Response wrong = guesser.login(USERNAME, "not-the-password");
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
        assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrong.json().get("status").asInt()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("not-the-password");
        assertThat(guesser.get("/api/auth/me").status()).isEqualTo(401);

        String username = "guess-" + UUID.randomUUID().toString().substring(0, 8);
        for (int attempt = 2; attempt <= 5; attempt++) {
            Api.Response failure = guesser.login(username, "wrong-password-" + attempt);
            assertThat(failure.status()).as("attempt " + attempt + ": " + failure.body()).isEqualTo(401);
        }

        Api.Response throttled = guesser.login(username, "wrong-password-6");
        assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
        assertThat(throttled.header("Content-Type")).startsWith("application/problem+json");
        assertThat(throttled.header("Retry-After")).isNotNull();
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 15 * 60L + 1);

        // the address is throttled for every username, even with the right password
        Api.Response rightPassword = anonymous().login(USERNAME, PASSWORD);
        assertThat(rightPassword.status()).as(rightPassword.body()).isEqualTo(429);
        assertThat(rightPassword.header("Retry-After")).isNotNull();
        // a session signed in before keeps working
        assertThat(wizard.get("/api/auth/me").status()).isEqualTo(200);
    }

    private Api anonymous() {
        return new Api(port);
    }

    private static Map<String, Object> agent(String name, String gatewayUrl, String providerId) {
        Map<String, Object> agent = new java.util.LinkedHashMap<>(Map.of("name", name,
                "displayName", name.toUpperCase(), "role", "helps", "gatewayUrl", gatewayUrl));
        if (providerId != null) {
            agent.put("providerId", providerId);
            agent.put("primaryModel", "gpt-4o");
        }
        return agent;
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        JsonNode errors = response.json().get("errors");
        assertThat(errors).as("errors in " + response.body()).isNotNull();
        errors.forEach(e -> {
            assertThat(e.get("message").asText()).as(e.toString()).isNotBlank();
            fields.add(e.get("field").asText());
        });
        return fields;
    }

    private static List<String> setCookies(Api.Response response) {
        return response.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap(e -> e.getValue().stream()).toList();
    }
}
