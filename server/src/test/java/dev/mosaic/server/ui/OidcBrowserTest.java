package dev.mosaic.server.ui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OIDC round trip in a real browser against the real server (shared integration-test context) and a real
 * OIDC provider in-process (mock-oauth2-server on 127.0.0.1, no login form): the breakglass admin configures
 * SSO in Settings → Security, "Test sign-in" verifies it, the sign-in page then offers SSO first, a plain user
 * signing in through SSO sees only the chat, and a failed SSO sign-in is explained on the sign-in page.
 * Screenshots: target/screenshots/oidc-*.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcBrowserTest extends IntegrationTest {
    private static final String CLIENT_ID = "mosaic-browser";
    private static final String CLIENT_SECRET = "browser-test-client-secret";
    private MockOAuth2Server idp;
    private TestBrowser browser;
    private Page page;

    @BeforeAll
    void start() throws IOException {
        Files.createDirectories(TestBrowser.SCREENSHOTS);
        idp = new MockOAuth2Server();
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        browser = new TestBrowser();
    }

    /** Leaves the shared context as other tests expect it: no SSO configured. */
    @AfterAll
    void stop() {
        try {
            Api cleanup = anonymous();
            cleanup.login(ADMIN, ADMIN_PASSWORD);
            cleanup.delete("/api/settings/oidc");
        } finally {
            if (browser != null) {
                browser.close();
            }
            if (idp != null) {
                idp.shutdown();
            }
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private String issuer() {
        String url = idp.issuerUrl("mosaic").toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The IdP signs the next user in with these claims, without a login form. */
    private void nextUser(String subject, Map<String, Object> claims) {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("mosaic", subject, "JWT", List.of(CLIENT_ID), claims, 3600));
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator link(String name) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator field(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    private Locator userMenu() {
        page.locator(".user-menu summary").click();
        return page.locator(".user-menu .menu");
    }

    @Test
    void anAdminConfiguresAndVerifiesSsoThenAPlainUserSignsInThroughIt() {
        Api.Response completed = admin.post("/api/onboarding/complete", Map.of());
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        admin.delete("/api/settings/oidc"); // whatever another test left (409 when nothing is configured)

        page = browser.newPage(1280, 900);
        page.setDefaultTimeout(15_000);

        // The breakglass admin signs in; without SSO the sign-in page is the breakglass form alone.
        page.navigate(url("/signin"));
        assertThat(field("Username")).isVisible();
        assertThat(link("Sign in with SSO")).hasCount(0);
        field("Username").fill(ADMIN);
        field("Password").fill(ADMIN_PASSWORD);
        button("Sign in").click();
        assertThat(page).hasURL(url("/settings/agents"));

        // Settings → Security: the OIDC form with the redirect URI to register at the IdP.
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Security")).click();
        assertThat(page).hasURL(url("/settings/security"));
        assertThat(page.getByTestId("redirect-uri")).hasText(url("/login/oauth2/code/oidc"));
        assertThat(page.getByText("not configured", new Page.GetByTextOptions().setExact(true))).isVisible();

        // An issuer that does not answer is refused at its field; nothing is saved.
        field("Issuer URL").fill("http://127.0.0.1:1/realms/none");
        field("Client ID").fill(CLIENT_ID);
        field("Client secret").fill(CLIENT_SECRET);
        field("Admin values").fill("mosaic-admins\nplatform-admins");
        field("Auditor values").fill("mosaic-auditors");
        button("Save").click();
        assertThat(page.locator(".field-invalid").getByText(Pattern.compile("cannot reach the issuer"))).isVisible();
        assertThat(field("Issuer URL")).hasAttribute("aria-invalid", "true");
        TestBrowser.screenshots(page, "oidc-1-issuer-refused");

        // The real issuer: discovery found, saved, not verified yet.
        field("Issuer URL").fill(issuer());
        button("Save").click();
        assertThat(page.getByText("Discovery document found at")).isVisible();
        assertThat(page.getByTestId("oidc-state")).containsText("Not verified yet.");
        assertThat(field("Client secret")).hasValue("");
        assertThat(page.getByText(Pattern.compile("A secret is stored"))).isVisible();
        JsonAssert settings = new JsonAssert(admin.get("/api/settings/oidc"));
        settings.has("issuerUrl", issuer()).has("clientId", CLIENT_ID).has("clientSecretSet", "true").has("verified", "false");
        assertThat(settings.body).doesNotContain(CLIENT_SECRET).contains("platform-admins");
        TestBrowser.screenshots(page, "oidc-2-saved-unverified");

        // Signed out, the sign-in page keeps the breakglass form first and warns.
        page.navigate(url("/signin"));
        assertThat(page).hasURL(url("/settings/agents")); // still signed in: a signed-in admin never sees /signin
        userMenu();
        button("Sign out").click();
        assertThat(page).hasURL(url("/signin"));
        assertThat(field("Username")).isVisible();
        assertThat(page.getByText(Pattern.compile("configured but not verified yet"))).isVisible();
        assertThat(link("Sign in with SSO")).isVisible();
        TestBrowser.screenshots(page, "oidc-3-signin-unverified");
        field("Username").fill(ADMIN);
        field("Password").fill(ADMIN_PASSWORD);
        button("Sign in").click();
        assertThat(page).hasURL(url("/settings/agents"));

        // "Test sign-in": a full-page round trip through the IdP as an admin-group member, back on this page, verified.
        page.navigate(url("/settings/security"));
        nextUser("olivia-sub", Map.of("groups", List.of("staff", "mosaic-admins"), "name", "Olivia Oidc",
                "preferred_username", "olivia"));
        button("Test sign-in").click();
        assertThat(page).hasURL(url("/settings/security"));
        assertThat(page.getByTestId("oidc-state")).containsText("Verified: an admin signed in through SSO since the last change");
        Locator menu = userMenu();
        assertThat(menu).containsText("olivia");
        assertThat(menu).containsText("Signed in with SSO");
        assertThat(menu).containsText("admin");
        TestBrowser.screenshots(page, "oidc-4-verified");

        // Signed out, SSO is the main button and breakglass one disclosure away.
        button("Sign out").click();
        assertThat(page).hasURL(url("/signin"));
        assertThat(link("Sign in with SSO")).isVisible();
        assertThat(link("Sign in with SSO")).hasClass(Pattern.compile("\\bprimary\\b"));
        assertThat(field("Username")).isHidden();
        assertThat(page.getByText("Sign in with the breakglass account")).isVisible();
        TestBrowser.screenshots(page, "oidc-5-signin-verified");

        // A plain user (no admin or auditor value) lands on the chat, the only page offered.
        nextUser("ursula-sub", Map.of("groups", List.of("staff"), "name", "Ursula User", "preferred_username", "ursula"));
        link("Sign in with SSO").click();
        assertThat(page).hasURL(url("/chat"));
        Locator nav = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"));
        assertThat(nav.getByRole(AriaRole.LINK)).hasText(new String[] {"Chat"});
        menu = userMenu();
        assertThat(menu).containsText("ursula");
        assertThat(menu).containsText("Signed in with SSO");
        assertThat(menu).containsText("user");
        TestBrowser.screenshots(page, "oidc-6-user-chat");
        page.navigate(url("/settings/security"));
        assertThat(page).hasURL(url("/chat"));
        userMenu();
        button("Sign out").click();
        assertThat(page).hasURL(url("/signin"));

        // A failed SSO sign-in (here: SSO removed meanwhile) comes back to the sign-in page, which says so.
        assertThat(admin.delete("/api/settings/oidc").status()).isEqualTo(204);
        page.navigate(url("/oauth2/authorization/oidc"));
        assertThat(page).hasURL(url("/signin?error=sso"));
        assertThat(page.getByText(Pattern.compile("Single sign-on did not complete"))).isVisible();
        assertThat(field("Username")).isVisible();
        TestBrowser.screenshots(page, "oidc-7-sso-failed");
        field("Username").fill(ADMIN);
        field("Password").fill(ADMIN_PASSWORD);
        button("Sign in").click();
        assertThat(page).hasURL(url("/settings/agents"));
        assertThat(userMenu()).containsText("Signed in with the breakglass account");
    }

    /** Small helper over a JSON response. */
    private static final class JsonAssert {
        final String body;
        final com.fasterxml.jackson.databind.JsonNode json;

        JsonAssert(Api.Response response) {
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            this.body = response.body();
            this.json = response.json();
        }

        JsonAssert has(String field, String value) {
            assertThat(json.get(field).asText()).as(field).isEqualTo(value);
            return this;
        }
    }
}
