package dev.mosaic.server.ui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.LogScan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings → API tokens in Chromium, as a phone shows it (390 px): an admin creates a token, copies it with the Copy
 * button (read back from the clipboard), a script uses it over HTTP, the list shows it used, the admin revokes it after
 * confirming, and the script is refused from its next request. Screenshots: target/screenshots/tokens-*.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTokensBrowserTest extends IntegrationTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private TestBrowser browser;

    @BeforeAll
    void start() throws IOException {
        Files.createDirectories(TestBrowser.SCREENSHOTS);
        browser = new TestBrowser();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAdminCreatesCopiesAndRevokesATokenThatAScriptUses() throws Exception {
        Api.Response completed = admin.post("/api/onboarding/complete", Map.of());
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        String name = unique("deploy pipeline");
        Page page = browser.newPage(390, 844);
        page.setDefaultTimeout(20_000);
        page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"),
                new com.microsoft.playwright.BrowserContext.GrantPermissionsOptions().setOrigin(url("")));
        page.navigate(url("/signin"));
        page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(ADMIN);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(ADMIN_PASSWORD);
        button(page, "Sign in").click();
        assertThat(page).hasURL(url("/settings/agents"));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API tokens")).click();
        assertThat(page).hasURL(url("/settings/tokens"));
        Locator form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("New API token"));
        form.getByLabel("Name").fill(name);
        form.getByLabel("Role").selectOption("ADMIN");
        form.getByLabel("Expires after (days)").fill("7");
        button(page, "Create token").click();
        assertThat(page.getByText("it is shown only this once")).isVisible();
        Locator shown = form.locator("code.secret-value");
        String token = LogScan.plant(shown.textContent().strip());
        assertThat(token).matches("mosaic_pat_[0-9A-Za-z]{43}");
        button(form, "Copy").click();
        assertThat(button(form, "Copied")).isVisible();
        String copied = (String) page.evaluate("() => navigator.clipboard.readText()");
        assertThat(copied).as("the clipboard holds the token").isEqualTo(token);
        assertThat((Integer) page.evaluate("() => document.documentElement.scrollWidth"))
                .as("nothing wider than the phone").isLessThanOrEqualTo(390);
        TestBrowser.screenshots(page, "tokens-1-created");

        assertThat(call(copied).statusCode()).as("the copied token opens the API").isEqualTo(200);
        page.reload();
        Locator table = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("API tokens"));
        Locator row = table.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(name));
        assertThat(row).containsText("admin");
        assertThat(row.locator("td[data-label='Last used']")).not().hasText("never");
        assertThat(form.locator("code.secret-value")).hasCount(0); // shown once: gone after a reload
        TestBrowser.screenshots(page, "tokens-2-listed");

        button(row, "Revoke").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        assertThat(dialog).containsText("Revoke the token");
        button(dialog, "Revoke token").click();
        assertThat(page.getByText("revoked. Anything still using it is refused")).isVisible();
        assertThat(table.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(name))).hasCount(0);
        TestBrowser.screenshots(page, "tokens-3-revoked");

        HttpResponse<String> refused = call(copied);
        assertThat(refused.statusCode()).as("the script is refused after the revocation").isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        page.navigate(url("/settings/audit?entityType=token"));
        assertThat(page.getByText("API token " + name + " revoked")).isVisible();
    }

    private HttpResponse<String> call(String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url("/api/agents")))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator button(Locator scope, String name) {
        return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }
}
