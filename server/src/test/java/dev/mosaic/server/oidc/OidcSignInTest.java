package dev.mosaic.server.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in through a real OIDC provider in-process (mock-oauth2-server), driven like a browser: the authorization
 * code flow with PKCE, state and nonce, role mapping from the configured claim, the verified gate, the discovery
 * check on save, and breakglass still working while the IdP is down.
 */
class OidcSignInTest extends IntegrationTest {
    private static final String CLIENT_ID = "mosaic-client";
    private static final String CLIENT_SECRET = "oidc-client-secret-never-shown";
    private static MockOAuth2Server idp;

    @BeforeAll
    static void startIdp() {
        idp = new MockOAuth2Server();
        idp.start(0);
    }

    @AfterAll
    static void stopIdp() {
        idp.shutdown();
    }

    private static String issuer(MockOAuth2Server server) {
        String url = server.issuerUrl("mosaic").toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private Map<String, Object> settings(String issuerUrl) {
        Map<String, Object> body = new HashMap<>();
        body.put("issuerUrl", issuerUrl);
        body.put("clientId", CLIENT_ID);
        body.put("clientSecret", CLIENT_SECRET);
        body.put("roleClaim", "groups");
        body.put("adminValues", List.of("mosaic-admins"));
        body.put("auditorValues", List.of("mosaic-auditors"));
        return body;
    }

    private void configure(String issuerUrl) {
        Api.Response saved = admin.put("/api/settings/oidc", settings(issuerUrl));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    /** The IdP will sign the next user in with these claims. */
    private static void nextUser(MockOAuth2Server server, String subject, Map<String, Object> claims) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback("mosaic", subject, "JWT", List.of(CLIENT_ID), claims, 3600));
    }

    /** A browser goes through SSO; returns its hops, the last being Mosaic's final redirect. */
    private static List<Api.Response> signInThroughSso(Api browser) {
        return browser.navigate("/oauth2/authorization/oidc");
    }

    private static String location(Api.Response response) {
        return response.header("Location");
    }

    @Test
    void anAdminGroupMemberSignsInAsAdminWithPkceStateAndNonceAndTheSettingsBecomeVerified() {
        configure(issuer(idp));
        assertThat(anonymous().get("/api/auth/providers").json().get("oidcVerified").asBoolean()).isFalse();
        nextUser(idp, "alice-sub", Map.of("groups", List.of("staff", "mosaic-admins"), "name", "Alice Admin",
                "preferred_username", "alice"));

        Api browser = anonymous();
        List<Api.Response> hops = signInThroughSso(browser);

        String authorize = location(hops.get(0));
        assertThat(hops.get(0).status()).isEqualTo(302);
        assertThat(authorize).startsWith(issuer(idp) + "/authorize")
                .contains("response_type=code", "client_id=" + CLIENT_ID, "code_challenge_method=S256",
                        "code_challenge=", "state=", "nonce=", "scope=openid", "redirect_uri=");
        assertThat(java.net.URLDecoder.decode(authorize, StandardCharsets.UTF_8))
                .contains("http://127.0.0.1:" + port + "/login/oauth2/code/oidc");
        assertThat(landing(hops)).as(hops.toString()).isEqualTo(mosaic("/"));
        assertThat(last(hops).status()).isEqualTo(200);

        JsonNode me = browser.get("/api/auth/me").json();
        assertThat(me.get("authMethod").asText()).isEqualTo("oidc");
        assertThat(me.get("username").asText()).isEqualTo("alice");
        assertThat(me.get("displayName").asText()).isEqualTo("Alice Admin");
        assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("ADMIN");

        JsonNode providers = anonymous().get("/api/auth/providers").json();
        assertThat(providers.get("breakglass").asBoolean()).isTrue();
        assertThat(providers.get("oidcConfigured").asBoolean()).isTrue();
        assertThat(providers.get("oidcVerified").asBoolean()).isTrue();
        assertThat(providers.get("oidcLoginUrl").asText()).isEqualTo("/oauth2/authorization/oidc");

        // an OIDC admin can write settings: the session is a real one
        assertThat(browser.get("/api/settings/oidc").json().get("verified").asBoolean()).isTrue();

        JsonNode signIns = admin.get("/api/audit?entityType=sign-in&entityId=alice").json().get("items");
        assertThat(signIns).isNotEmpty();
        assertThat(signIns.get(0).get("eventType").asText()).isEqualTo("SignInSucceeded");
        assertThat(signIns.get(0).get("actor").get("id").asText()).isEqualTo("oidc:alice-sub");
        assertThat(signIns.get(0).get("actor").get("name").asText()).isEqualTo("Alice Admin");
        JsonNode installation = admin.get("/api/audit?entityType=installation").json().get("items");
        assertThat(installation.get(0).get("eventType").asText()).isEqualTo("OidcSignInVerified");
        assertThat(installation.get(0).get("actor").get("id").asText()).isEqualTo("oidc:alice-sub");

        // any change of the settings asks for a new test sign-in
        configure(issuer(idp));
        assertThat(anonymous().get("/api/auth/providers").json().get("oidcVerified").asBoolean()).isFalse();
    }

    @Test
    void anAuditorReadsSettingsAndAuditButWritesNothingAndSeesNoSecret() {
        configure(issuer(idp));
        nextUser(idp, "audrey-sub", Map.of("groups", List.of("mosaic-auditors"), "email", "audrey@example.test"));
        Api auditor = anonymous();
        assertThat(landing(signInThroughSso(auditor))).isEqualTo(mosaic("/"));

        JsonNode me = auditor.get("/api/auth/me").json();
        assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("AUDITOR");
        assertThat(me.get("username").asText()).isEqualTo("audrey@example.test");
        Api.Response settings = auditor.get("/api/settings/oidc");
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.json().get("clientSecretSet").asBoolean()).isTrue();
        assertThat(settings.body()).doesNotContain(CLIENT_SECRET).doesNotContain("enc:v1:");
        assertThat(auditor.get("/api/audit").status()).isEqualTo(200);
        assertThat(auditor.put("/api/settings/oidc", settings(issuer(idp))).status()).isEqualTo(403);
        assertThat(auditor.delete("/api/settings/oidc").status()).isEqualTo(403);
        // an auditor's sign-in does not verify the settings
        assertThat(anonymous().get("/api/auth/providers").json().get("oidcVerified").asBoolean()).isFalse();
    }

    @Test
    void aPlainUserMayOnlySeeThemselves() {
        configure(issuer(idp));
        nextUser(idp, "ursula-sub", Map.of("groups", List.of("staff"), "preferred_username", "ursula"));
        Api user = anonymous();
        assertThat(landing(signInThroughSso(user))).isEqualTo(mosaic("/"));

        assertThat(user.get("/api/auth/me").json().get("roles")).extracting(JsonNode::asText).containsExactly("USER");
        assertThat(user.get("/api/settings/oidc").status()).isEqualTo(403);
        assertThat(user.get("/api/audit").status()).isEqualTo(403);
        assertThat(user.get("/api/providers").status()).isEqualTo(403);
    }

    @Test
    void aMissingRoleClaimMakesAPlainUser() {
        configure(issuer(idp));
        nextUser(idp, "nobody-sub", Map.of("preferred_username", "no-groups"));
        Api user = anonymous();
        assertThat(landing(signInThroughSso(user))).isEqualTo(mosaic("/"));

        JsonNode me = user.get("/api/auth/me").json();
        assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("USER");
        assertThat(me.get("authMethod").asText()).isEqualTo("oidc");
    }

    @Test
    void aCallbackWithAForgedStateIsRefusedAndAudited() {
        configure(issuer(idp));
        Api browser = anonymous();
        Api.Response start = browser.get("/oauth2/authorization/oidc");
        assertThat(start.status()).isEqualTo(302);

        Api.Response callback = browser.get("/login/oauth2/code/oidc?code=made-up&state=forged");
        assertThat(callback.status()).isEqualTo(302);
        assertThat(location(callback)).isEqualTo(mosaic("/signin?error=sso"));
        assertThat(browser.get("/api/auth/me").status()).isEqualTo(401);
        JsonNode failures = admin.get("/api/audit?entityType=sign-in&entityId=(none)").json().get("items");
        assertThat(failures).isNotEmpty();
        assertThat(failures.get(0).get("eventType").asText()).isEqualTo("SignInFailed");
    }

    @Test
    void theSettingsCarryTheirVersionAndAStaleIfMatchIsRefusedWith412() {
        configure(issuer(idp));
        Api.Response read = admin.get("/api/settings/oidc");
        String etag = read.header("ETag");
        assertThat(etag).isEqualTo("\"" + read.json().get("version").asLong() + "\"");

        Map<String, Object> renamed = settings(issuer(idp));
        renamed.put("clientId", "renamed-client");
        Api.Response saved = admin.put("/api/settings/oidc", renamed, "If-Match", etag);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.header("ETag")).isNotEqualTo(etag);

        Api.Response stale = admin.put("/api/settings/oidc", settings(issuer(idp)), "If-Match", etag);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(admin.delete("/api/settings/oidc", "If-Match", etag).status()).isEqualTo(412);
        assertThat(admin.get("/api/settings/oidc").json().get("clientId").asText()).isEqualTo("renamed-client");
        configure(issuer(idp));
    }

    @Test
    void savingAnUnreachableOrInvalidIssuerIs400AndKeepsTheOldSettings() throws IOException {
        configure(issuer(idp));

        expectIssuerError(admin.put("/api/settings/oidc", settings("http://127.0.0.1:1/realms/none")), "cannot reach");
        expectIssuerError(admin.post("/api/onboarding/oidc", settings("http://127.0.0.1:1/realms/none")), "cannot reach");

        HttpServer bad = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + bad.getAddress().getPort();
        // what OpenID Connect Discovery requires beside the issuer and the endpoints
        String required = "\"subject_types_supported\":[\"public\"],\"response_types_supported\":[\"code\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],";
        serve(bad, "/mismatch", "{" + required + "\"issuer\":\"https://elsewhere.example\",\"authorization_endpoint\":\""
                + base + "/a\",\"token_endpoint\":\"" + base + "/t\",\"jwks_uri\":\"" + base + "/k\"}");
        serve(bad, "/nokeys", "{" + required + "\"issuer\":\"" + base + "/nokeys\",\"authorization_endpoint\":\""
                + base + "/a\",\"token_endpoint\":\"" + base + "/t\"}");
        serve(bad, "/incomplete", "{\"issuer\":\"" + base + "/incomplete\",\"authorization_endpoint\":\"" + base
                + "/a\",\"token_endpoint\":\"" + base + "/t\",\"jwks_uri\":\"" + base + "/k\"}");
        serve(bad, "/notjson", "<html>hello</html>");
        bad.start();
        try {
            expectIssuerError(admin.put("/api/settings/oidc", settings(base + "/mismatch")), "https://elsewhere.example");
            expectIssuerError(admin.put("/api/settings/oidc", settings(base + "/nokeys")), "jwks_uri");
            expectIssuerError(admin.put("/api/settings/oidc", settings(base + "/incomplete")), "subject_types_supported");
            expectIssuerError(admin.put("/api/settings/oidc", settings(base + "/notjson")), "not JSON");
            expectIssuerError(admin.put("/api/settings/oidc", settings(base + "/missing")), "HTTP 404");
        } finally {
            bad.stop(0);
        }
        assertThat(admin.get("/api/settings/oidc").json().get("issuerUrl").asText()).isEqualTo(issuer(idp));
    }

    @Test
    void whileTheIdpIsDownSsoFailsBackToTheLoginPageAndBreakglassStillWorks() {
        MockOAuth2Server flaky = new MockOAuth2Server();
        flaky.start(0);
        String flakyIssuer = issuer(flaky);
        try {
            configure(flakyIssuer);
            // the browser reaches the IdP and gets a code; then the IdP goes down before Mosaic redeems it
            Api browser = anonymous();
            Api.Response start = browser.get("/oauth2/authorization/oidc");
            Api.Response authorize = browser.getUrl(location(start));
            String callback = location(authorize);
            assertThat(callback).contains("/login/oauth2/code/oidc?code=");
            flaky.shutdown();
            flaky = null;

            Api.Response back = browser.get(callback.substring(callback.indexOf("/login/oauth2")));
            assertThat(back.status()).isEqualTo(302);
            assertThat(location(back)).isEqualTo(mosaic("/signin?error=sso"));
            assertThat(browser.get("/api/auth/me").status()).isEqualTo(401);

            Api breakglass = anonymous();
            assertThat(breakglass.login(ADMIN, ADMIN_PASSWORD).status()).isEqualTo(200);
            assertThat(breakglass.get("/api/auth/me").json().get("authMethod").asText()).isEqualTo("breakglass");
            assertThat(anonymous().get("/api/auth/providers").json().get("breakglass").asBoolean()).isTrue();
        } finally {
            if (flaky != null) {
                flaky.shutdown();
            }
            configure(issuer(idp));
        }
    }

    @Test
    void ssoThatIsNotConfiguredSendsTheBrowserBackToTheLoginPage() {
        configure(issuer(idp));
        assertThat(admin.delete("/api/settings/oidc").status()).isEqualTo(204);
        try {
            assertThat(anonymous().get("/api/auth/providers").json().get("oidcConfigured").asBoolean()).isFalse();
            Api.Response start = anonymous().get("/oauth2/authorization/oidc");
            assertThat(start.status()).isEqualTo(302);
            assertThat(location(start)).isEqualTo(mosaic("/signin?error=sso"));
            assertThat(admin.delete("/api/settings/oidc").status()).isEqualTo(409);
        } finally {
            configure(issuer(idp));
        }
    }

    /** Where Mosaic finally sent the browser: the target of the last redirect. */
    private static String landing(List<Api.Response> hops) {
        return hops.stream().filter(hop -> hop.status() / 100 == 3).reduce((a, b) -> b).map(hop -> hop.header("Location"))
                .orElseThrow(() -> new AssertionError("no redirect: " + hops));
    }

    private String mosaic(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static Api.Response last(List<Api.Response> hops) {
        return hops.get(hops.size() - 1);
    }

    private static void expectIssuerError(Api.Response response, String reason) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode errors = response.json().get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("issuerUrl");
        assertThat(errors.get(0).get("message").asText()).contains(reason);
    }

    private static void serve(HttpServer server, String issuerPath, String document) {
        server.createContext(issuerPath + "/.well-known/openid-configuration", exchange -> {
            byte[] body = document.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }
}
