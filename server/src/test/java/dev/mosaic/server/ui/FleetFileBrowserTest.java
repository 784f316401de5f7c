package dev.mosaic.server.ui;

import com.microsoft.playwright.Download;
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
import java.nio.file.Files;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings → Fleet file in Chromium, as a phone shows it (390 px): an admin downloads the fleet as YAML, loads it
 * into the editor, renames an agent and adds one, sees the plan (a create, an update, the agents that reload),
 * applies it and gets the new agent's token once; a document with a typo shows the problem by its dotted path;
 * the prune box warns in plain words. Screenshots: target/screenshots/fleet-file-*.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetFileBrowserTest extends IntegrationTest {
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
    void anAdminDownloadsEditsPlansAndAppliesTheFleetFile() throws Exception {
        Api.Response completed = admin.post("/api/onboarding/complete", Map.of());
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        String provider = unique("ffp");
        String existing = unique("ffa");
        String created = unique("ffnew");
        createAgent(existing, createProvider(provider, "m1"), "m1");

        Page page = browser.newPage(390, 844);
        page.setDefaultTimeout(20_000);
        page.navigate(url("/signin"));
        page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(ADMIN);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(ADMIN_PASSWORD);
        button(page, "Sign in").click();
        assertThat(page).hasURL(url("/settings/agents"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Fleet file")).click();
        assertThat(page).hasURL(url("/settings/fleet-file"));

        Download download = page.waitForDownload(() -> button(page, "Download fleet.yaml").click());
        assertThat(download.suggestedFilename()).isEqualTo("fleet.yaml");
        String file = Files.readString(download.path());
        assertThat(file).contains("apiVersion: mosaic/v1").contains("kind: Fleet").contains(provider + ":")
                .contains(existing + ":").contains("apiKey: secret:").doesNotContain("sk-" + provider);

        button(page, "Edit the current fleet here").click();
        Locator editor = page.getByLabel("Fleet document (YAML or JSON)");
        assertThat(editor).not().hasValue("");
        String yaml = editor.inputValue();
        String edited = yaml.replace("displayName: " + existing, "displayName: Renamed in the browser")
                + "  " + created + ":\n    displayName: Created in the browser\n    gatewayUrl: http://127.0.0.1:18789\n"
                + "    model:\n      provider: " + provider + "\n      primary: m1\n";
        assertThat(edited).contains("Renamed in the browser");
        editor.fill(edited);
        button(page, "Show the plan").click();
        Locator plan = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Plan"));
        assertThat(plan).isVisible();
        Locator changes = plan.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Changes"));
        assertThat(changes).containsText("create agent " + created);
        assertThat(changes).containsText("update agent " + existing + ": displayName");
        assertThat(plan).containsText(created);
        assertThat(page.getByText("2 changes planned")).isVisible();
        assertThat(admin.get("/api/agents/" + created).status()).as("nothing is stored by the plan").isEqualTo(404);
        TestBrowser.screenshots(page, "fleet-file-1-plan");
        assertThat((Integer) page.evaluate("() => document.documentElement.scrollWidth"))
                .as("nothing wider than the phone").isLessThanOrEqualTo(390);

        button(plan, "Apply this plan").click();
        Locator applied = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Applied"));
        assertThat(applied).isVisible();
        assertThat(page.getByText("Applied 2 changes")).isVisible();
        String token = LogScan.plant(applied.locator("code.secret-value").textContent().strip());
        assertThat(token).startsWith("mag_");
        assertThat(applied).containsText("Token of the new agent " + created);
        TestBrowser.screenshots(page, "fleet-file-2-applied");
        assertThat(admin.get("/api/agents/" + created).status()).isEqualTo(200);
        assertThat(admin.get("/api/agents/" + existing).json().get("displayName").asText()).isEqualTo("Renamed in the browser");
        assertThat(anonymous().get("/api/internal/agent-config/" + created, "Authorization", "Bearer " + token).status())
                .as("the token shown opens the new agent's config").isEqualTo(200);

        editor.fill("apiVersion: mosaic/v1\nkind: Fleet\nagents:\n  " + created + ":\n    displayName: X\n"
                + "    gatewayUrl: http://x:1\n    modle: {}\n");
        button(page, "Show the plan").click();
        Locator problems = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Problems in the document"));
        assertThat(problems).containsText("agents." + created + ".modle");
        assertThat(problems).containsText("is not a known field");

        page.getByLabel("Remove what the document leaves out (prune)").check();
        assertThat(page.getByRole(AriaRole.NOTE)).containsText("will be deleted");
        TestBrowser.screenshots(page, "fleet-file-3-prune-warning");
        assertThat((Integer) page.evaluate("() => document.documentElement.scrollWidth"))
                .as("nothing wider than the phone").isLessThanOrEqualTo(390);
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
