package dev.mosaic.server.ui;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.mosaic.command.api.SetupCodes;
import dev.mosaic.server.MosaicApplication;
import dev.mosaic.server.openclaw.StubLlm;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new operator's first visit, in a real browser against the real server and a fresh PostgreSQL: the whole
 * wizard (the provider test hits a stub LLM on 127.0.0.1), then a model change in Settings that shows up in
 * the audit timeline, then signing out and in again. Screenshots of each step land in target/screenshots.
 */
@SpringBootTest(classes = MosaicApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstBootBrowserTest {
    private static final String USERNAME = "operator";
    private static final String PASSWORD = "a-long-operator-passphrase-42";

    @LocalServerPort
    int port;
    @Autowired
    SetupCodes setupCodes;

    private TestBrowser browser;
    private StubLlm llm;
    private Page page;

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) {
        String url = TestDatabase.fresh();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("mosaic.secret-key", () -> IntegrationTest.SECRET_KEY);
    }

    @BeforeAll
    void start() throws IOException {
        Files.createDirectories(TestBrowser.SCREENSHOTS);
        llm = new StubLlm();
        browser = new TestBrowser();
        page = browser.newPage(1280, 900);
        page.setDefaultTimeout(15_000);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (llm != null) {
            llm.close();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private Locator heading(String text) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(text));
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator field(Locator scope, String label) {
        return scope.getByLabel(label, new Locator.GetByLabelOptions().setExact(true));
    }

    private Locator field(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    @Test
    @Order(1)
    void aNewOperatorCompletesTheWizard() throws IOException {
        page.navigate(url("/settings/providers"));

        // Any page leads to the wizard while onboarding is open.
        assertThat(page).hasURL(url("/setup/admin"));
        assertThat(heading("Step 1 of 5: Admin account")).isVisible();
        assertThat(page.getByText("Printed in the server log at start")).isVisible();
        field("Setup code").fill(setupCodes.issue());
        field("Username").fill(USERNAME);
        field("Password").fill(PASSWORD);
        field("Confirm password").fill(PASSWORD);
        assertThat(page.getByText("Strength: Strong")).isVisible();
        TestBrowser.screenshots(page, "wizard-1-admin");
        button("Create admin and continue").click();

        assertThat(heading("Step 2 of 5: Single sign-on")).isVisible();
        assertThat(page).hasURL(url("/setup/oidc"));
        TestBrowser.screenshots(page, "wizard-2-oidc");
        button("Skip for now").click();

        // Provider 1: tested against the stub LLM, models discovered.
        assertThat(heading("Step 3 of 5: LLM providers")).isVisible();
        Locator form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Add a provider"));
        field(form, "Type").selectOption("custom");
        field(form, "Name").fill("stub");
        field(form, "Display name").fill("Stub LLM");
        field(form, "Base URL").fill(llm.baseUrl());
        field(form, "API key (optional)").fill("sk-stub-key");
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test connection")).click();
        assertThat(form.getByText(Pattern.compile("Connected in \\d+ ms — 2 models found"))).isVisible();
        form.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("stub-two")).check();
        assertThat(form.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("stub-one"))).isChecked();
        TestBrowser.screenshots(page, "wizard-3-provider-tested");
        button("Save provider").click();
        Locator added = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Providers added"));
        assertThat(added.getByText("Stub LLM")).isVisible();

        // Provider 2: models typed by hand.
        button("Add another provider").click();
        form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Add a provider"));
        field(form, "Type").selectOption("custom");
        field(form, "Name").fill("backup");
        field(form, "Display name").fill("Backup");
        field(form, "Base URL").fill(llm.baseUrl());
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add a model by hand")).click();
        field(form, "Model 1 id").fill("backup-model");
        button("Save provider").click();
        assertThat(added.getByText("Backup", new Locator.GetByTextOptions().setExact(true))).isVisible();
        TestBrowser.screenshots(page, "wizard-3-providers");
        button("Next: agents").click();

        // Agent: provider and model from step 3, a fallback, personality, tools.
        assertThat(heading("Step 4 of 5: Agents")).isVisible();
        page.reload();
        assertThat(heading("Step 4 of 5: Agents")).isVisible();
        button("Back").click();
        assertThat(heading("Step 3 of 5: LLM providers")).isVisible();
        button("Next: agents").click();
        assertThat(heading("Step 4 of 5: Agents")).isVisible();

        Locator agent = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Add an agent"));
        field(agent, "Name").fill("support");
        assertThat(field(agent, "Display name")).hasValue("Support");
        assertThat(field(agent, "Gateway URL")).hasValue("http://support:18789");
        field(agent, "Role (optional)").fill("customer support");
        field(agent, "Gateway URL").fill("http://127.0.0.1:1");
        field(agent, "Provider").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Stub LLM (stub)"));
        field(agent, "Primary model").selectOption("stub-one");
        agent.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add a fallback")).click();
        field(agent, "Fallback 1 provider").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Backup (backup)"));
        field(agent, "Fallback 1 model").selectOption("backup-model");
        agent.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Start from a template")).click();
        agent.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("web_search")).check();
        TestBrowser.screenshots(page, "wizard-4-agent-form");
        button("Save agent").click();

        assertThat(page.getByText("Token of support")).isVisible();
        String token = page.locator(".secret-value").first().textContent();
        assertThat(token).isNotBlank();
        Download download = page.waitForDownload(() -> button("Download .env for docker compose").click());
        String env = Files.readString(download.path());
        assertThat(env).contains("MOSAIC_API_URL=" + url("")).contains("AGENT_SUPPORT_TOKEN=" + token);
        TestBrowser.screenshots(page, "wizard-4-agent-token");
        button("Next: summary").click();

        // Summary, Finish and the health check.
        assertThat(heading("Step 5 of 5: Summary")).isVisible();
        assertThat(page.getByText("never connected")).isVisible();
        TestBrowser.screenshots(page, "wizard-5-summary");
        button("Finish").click();
        assertThat(page.getByText("Onboarding complete.")).isVisible();
        assertThat(page.getByText(Pattern.compile("not reachable: connection refused"))).isVisible();
        TestBrowser.screenshots(page, "wizard-5-finished");
        button("Open Mosaic").click();

        assertThat(page).hasURL(url("/settings/agents"));
        assertThat(heading("Agents")).isVisible();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Support"))).isVisible();
        TestBrowser.screenshots(page, "settings-agents");
    }

    @Test
    @Order(2)
    void aModelChangeInSettingsAppearsInTheAuditTimeline() {
        page.navigate(url("/settings/agents"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Support")).click();
        assertThat(heading("Support (support)")).isVisible();

        Locator model = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Model"));
        field(model, "Primary model").selectOption("stub-two");
        model.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save model")).click();
        assertThat(model.getByText("Model saved.")).isVisible();
        TestBrowser.screenshots(page, "settings-agent");

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Audit")).click();
        assertThat(heading("Audit timeline")).isVisible();
        field("Entity type").selectOption("agent");
        field("Entity").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("support"));
        field("Actor").fill(USERNAME);
        button("Apply filters").click();
        Locator entry = page.locator("li.entry").filter(new Locator.FilterOptions().setHasText("model assigned")).first();
        assertThat(entry).isVisible();
        entry.locator("summary").click();
        Locator diff = entry.locator("table.diff");
        assertThat(diff).containsText("stub-one");
        assertThat(diff).containsText("stub-two");
        assertThat(entry).containsText(USERNAME);
        TestBrowser.screenshots(page, "settings-audit");

        Download csv = page.waitForDownload(() -> button("Export CSV").click());
        try {
            assertThat(Files.readString(csv.path())).contains("AgentModelAssigned").contains("stub-two");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(3)
    void theOperatorSignsOutAndInAgain() {
        page.navigate(url("/settings/providers"));
        assertThat(heading("Providers")).isVisible();
        page.locator(".user-menu summary").click();
        button("Sign out").click();

        assertThat(page).hasURL(url("/signin"));
        page.navigate(url("/settings/audit"));
        assertThat(page).hasURL(url("/signin"));
        TestBrowser.screenshots(page, "signin");
        field("Username").fill(USERNAME);
        field("Password").fill(PASSWORD);
        button("Sign in").click();

        assertThat(page).hasURL(url("/settings/agents"));
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Support"))).isVisible();
        page.locator(".user-menu summary").click();
        assertThat(page.locator(".user-menu .menu")).containsText(USERNAME);
    }
}
