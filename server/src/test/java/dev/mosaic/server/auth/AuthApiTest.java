package dev.mosaic.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions, sign-in and CSRF against the shared server. Failed sign-ins are tested in
 * {@code onboarding.FirstBootApiTest}, on a server of their own: five failures from 127.0.0.1 would lock the
 * shared admin out of every later test.
 */
class AuthApiTest extends IntegrationTest {

    @Test
    void signInAnswers200WithTheUser() {
        Api browser = anonymous();

        Api.Response login = browser.login(ADMIN, ADMIN_PASSWORD);

        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().get("username").asText()).isEqualTo(ADMIN);
        assertThat(login.body()).doesNotContain(ADMIN_PASSWORD);
        assertThat(browser.get("/api/auth/me").status()).isEqualTo(200);
    }

    @Test
    void meDescribesTheBreakglassAdmin() {
        Api.Response me = admin.get("/api/auth/me");

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        JsonNode body = me.json();
        assertThat(body.get("username").asText()).isEqualTo(ADMIN);
        assertThat(body.get("displayName").asText()).isEqualTo(ADMIN);
        assertThat(body.get("roles")).extracting(JsonNode::asText).containsExactly("ADMIN");
        assertThat(body.get("authMethod").asText()).isEqualTo("breakglass");
        assertThat(body.get("password")).isNull();
    }

    @Test
    void anAnonymousMeIs401ProblemAndHandsOutACsrfToken() {
        Api browser = anonymous();

        Api.Response me = browser.get("/api/auth/me");

        assertThat(me.status()).isEqualTo(401);
        assertThat(me.header("Content-Type")).startsWith("application/problem+json");
        assertThat(me.header("Location")).isNull();
        assertThat(browser.cookie("XSRF-TOKEN")).isNotBlank();
    }

    @Test
    void logoutIs204AndEndsTheSession() {
        Api browser = anonymous();
        assertThat(browser.login(ADMIN, ADMIN_PASSWORD).status()).isEqualTo(200);
        String session = sessionCookie(browser);
        assertThat(session).isNotNull();

        Api.Response logout = browser.post("/api/auth/logout", null);

        assertThat(logout.status()).as(logout.body()).isEqualTo(204);
        Api.Response me = browser.get("/api/auth/me");
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.header("Content-Type")).startsWith("application/problem+json");
        // the old session cookie is worthless too, not just forgotten by this client
        Api replay = anonymous();
        replay.setCookie(sessionCookieName(browser, session), session);
        assertThat(replay.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(replay.get("/api/providers").status()).isEqualTo(401);
    }

    @Test
    void signingInGivesANewSessionIdAndTheOldOneStopsWorking() {
        Api browser = anonymous();
        assertThat(browser.login(ADMIN, ADMIN_PASSWORD).status()).isEqualTo(200);
        String before = sessionCookie(browser);
        String name = sessionCookieName(browser, before);

        Api.Response again = browser.login(ADMIN, ADMIN_PASSWORD);

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        String after = sessionCookie(browser);
        assertThat(after).isNotNull().isNotEqualTo(before);
        assertThat(browser.get("/api/auth/me").status()).isEqualTo(200);
        Api fixated = anonymous();
        fixated.setCookie(name, before);
        assertThat(fixated.get("/api/auth/me").status()).isEqualTo(401);
    }

    @Test
    void aSessionIdChosenByTheClientIsNeverAdopted() {
        String fixated = "c2Vzc2lvbi1maXhhdGlvbi1hdHRlbXB0";
        Api browser = anonymous();
        browser.setCookie("SESSION", fixated);

        Api.Response login = browser.login(ADMIN, ADMIN_PASSWORD);

        assertThat(login.status()).as(login.body()).isEqualTo(200);
        List<String> sessionCookies = login.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie")).flatMap(e -> e.getValue().stream())
                .filter(c -> c.startsWith("SESSION=") || c.startsWith("JSESSIONID=")).toList();
        assertThat(sessionCookies).as("sign-in sets a session cookie").isNotEmpty()
                .noneMatch(c -> c.contains(fixated));
        Api attacker = anonymous();
        attacker.setCookie("SESSION", fixated);
        assertThat(attacker.get("/api/auth/me").status()).isEqualTo(401);
    }

    @Test
    void aWriteWithoutTheCsrfHeaderBySignedInUserIs403AndChangesNothing() {
        String name = unique("csrf");

        Api.Response write = admin.sendWithoutCsrf("POST", "/api/providers", "{\"name\":\"" + name
                + "\",\"displayName\":\"x\",\"type\":\"openai\",\"models\":[{\"id\":\"m\"}]}");

        assertThat(write.status()).as(write.body()).isEqualTo(403);
        assertThat(write.header("Content-Type")).startsWith("application/problem+json");
        assertThat(admin.get("/api/providers").json().get("items"))
                .noneMatch(p -> p.get("name").asText().equals(name));
    }

    @Test
    void aWriteWithAWrongCsrfTokenIs403() {
        String name = unique("csrf");

        Api.Response write = admin.post("/api/providers", Map.of("name", name, "displayName", "x",
                "type", "openai", "models", List.of(Map.of("id", "m"))), "X-XSRF-TOKEN", "not-the-token");

        assertThat(write.status()).as(write.body()).isEqualTo(403);
        assertThat(write.header("Content-Type")).startsWith("application/problem+json");
        assertThat(admin.get("/api/providers").json().get("items"))
                .noneMatch(p -> p.get("name").asText().equals(name));
    }

    @Test
    void aLogoutWithoutCsrfIsRefused() {
        Api.Response logout = admin.sendWithoutCsrf("POST", "/api/auth/logout", null);

        assertThat(logout.status()).isEqualTo(403);
        assertThat(admin.get("/api/auth/me").status()).isEqualTo(200);
    }

    @Test
    void signInProvidersTellsTheLoginPageWhatItCanOffer() {
        Api.Response providers = anonymous().get("/api/auth/providers");

        assertThat(providers.status()).as(providers.body()).isEqualTo(200);
        assertThat(providers.json().get("breakglass").asBoolean()).isTrue();
        assertThat(providers.json().has("oidcConfigured")).isTrue();
    }

    private static String sessionCookie(Api api) {
        String spring = api.cookie("SESSION");
        return spring != null ? spring : api.cookie("JSESSIONID");
    }

    private static String sessionCookieName(Api api, String value) {
        return value != null && value.equals(api.cookie("SESSION")) ? "SESSION" : "JSESSIONID";
    }
}
