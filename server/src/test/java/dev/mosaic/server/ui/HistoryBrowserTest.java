package dev.mosaic.server.ui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.TestSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * History you can act on, in a real browser against the real server: an agent (a fake that follows its change
 * stream and reports what it applied) is broken by a model change previewed first, the good version is found in
 * its History and compared, the revert is previewed and applied, the agent runs that config again, and the
 * audit timeline shows the revert and the state at it. An auditor reads all of it without any revert or preview.
 * Screenshots: target/screenshots/history-*.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryBrowserTest extends IntegrationTest {
    private static final Duration APPLY = Duration.ofSeconds(20);

    @Autowired
    SessionRepository<? extends Session> sessionRepository;

    private TestBrowser browser;
    private FakeAgent fakeAgent;
    private Page page;
    private String agent;
    private String agentId;
    private String provider;

    @BeforeAll
    void start() throws IOException {
        Files.createDirectories(TestBrowser.SCREENSHOTS);
        browser = new TestBrowser();
        // A revert sends commands and renders; on a loaded machine that takes more than the default 5 s.
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @AfterAll
    void stop() throws IOException {
        if (fakeAgent != null) {
            fakeAgent.close();
        }
        if (browser != null) {
            browser.close();
        }
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(5_000);
    }

    /** Once: onboarding done, a provider with a good and a bad model, an agent on the good one that reports applied. */
    @BeforeEach
    void setUp() throws Exception {
        if (page != null) {
            return;
        }
        Api.Response completed = admin.post("/api/onboarding/complete", Map.of());
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        provider = unique("hist");
        String providerId = createProvider(provider, "good-model", "bad-model");
        agent = unique("hist-agent");
        String token = createAgent(agent, providerId, "good-model");
        agentId = admin.get("/api/agents/" + agent).json().get("id").asText();
        fakeAgent = new FakeAgent(port, agent, token);
        fakeAgent.awaitApplied(1, APPLY);

        page = browser.newPage(1280, 900);
        page.setDefaultTimeout(15_000);
        page.navigate(url("/signin"));
        page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(ADMIN);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(ADMIN_PASSWORD);
        button(page, "Sign in").click();
        assertThat(page).hasURL(url("/settings/agents"));
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

    private static Locator region(Page page, String name) {
        return page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator form(String name) {
        return page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName(name));
    }

    private void openAgent() {
        page.navigate(url("/settings/agents/" + agent));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(agent + " (" + agent + ")"))).isVisible();
    }

    @Test
    @Order(1)
    void aBrokenModelIsFoundInHistoryPreviewedAndReverted() throws Exception {
        openAgent();
        assertThat(page.getByText("Config version 1; the agent runs 1")).isVisible();
        assertThat(page.locator(".page-head .badge").first()).hasText("in sync");

        // Break it: the preview first says what the model change would do, then Save.
        Locator model = form("Model");
        model.getByLabel("Primary model", new Locator.GetByLabelOptions().setExact(true)).selectOption("bad-model");
        button(model, "Preview").click();
        Locator preview = model.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("Preview"));
        assertThat(preview.getByTestId("preview-agents")).hasText("1 agent gets a new config version: " + agent + ".");
        assertThat(preview.locator("table.changes")).containsText("/agents/defaults/model/primary");
        assertThat(preview.locator("table.changes")).containsText(provider + "/bad-model");
        assertThat(preview).not().containsText("secret:");
        TestBrowser.screenshots(page, "history-1-model-preview");
        assertThat(admin.get("/api/agents/" + agent + "/status").json().get("currentVersion").asLong())
                .as("a preview stores nothing").isEqualTo(1);
        button(model, "Save model").click();
        assertThat(model.getByText("Model saved.")).isVisible();
        fakeAgent.awaitApplied(2, APPLY);
        openAgent();
        assertThat(page.getByText("Config version 2; the agent runs 2")).isVisible();

        // History: the versions with their causes; the good one compared with the broken one.
        Locator history = region(page, "History");
        Locator versions = history.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Config versions"));
        assertThat(versions.locator("> li")).hasCount(2);
        assertThat(versions.locator("> li").first()).containsText("v2");
        assertThat(versions.locator("> li").first()).containsText("current");
        assertThat(history.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Causes of v2"))).containsText(ADMIN);
        assertThat(history.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Causes of v1"))).isVisible();
        history.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("v1")).check();
        history.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("v2")).check();
        button(history, "Compare v1 and v2").click();
        Locator compare = region(page, "Changes from v1 to v2");
        assertThat(compare.locator("table.changes")).containsText(provider + "/good-model");
        assertThat(compare.locator("table.changes")).containsText(provider + "/bad-model");
        assertThat(compare.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Secrets"))).containsText("unchanged");
        assertThat(compare).not().containsText("secret:");
        TestBrowser.screenshots(page, "history-2-compare");

        // Revert the agent to v1: the dry run's preview first, then apply with a reason.
        button(history, "Revert this agent to v1").click();
        Locator plan = region(page, "Preview: Revert this agent to v1");
        assertThat(plan.getByTestId("preview-agents")).hasText("1 agent gets a new config version: " + agent + ".");
        assertThat(plan.locator("table.changes")).containsText(provider + "/good-model");
        TestBrowser.screenshots(page, "history-3-revert-preview");
        assertThat(admin.get("/api/agents/" + agent + "/status").json().get("currentVersion").asLong())
                .as("a revert preview stores nothing").isEqualTo(2);
        history.getByLabel("Reason (optional)").fill("bad-model broke the answers");
        button(history, "Apply revert").click();
        assertThat(history.getByText("Reverted " + agent + " to v1", new Locator.GetByTextOptions().setExact(false))).isVisible();

        // The agent runs the good config again, in sync.
        fakeAgent.awaitApplied(3, APPLY);
        openAgent();
        assertThat(page.getByText("Config version 3; the agent runs 3")).isVisible();
        assertThat(page.locator(".page-head .badge").first()).hasText("in sync");
        assertThat(form("Model").getByLabel("Primary model", new Locator.GetByLabelOptions().setExact(true))).hasValue("good-model");
        assertThat(servedConfigs.byName(agent).orElseThrow().document()).asString().contains(provider + "/good-model");
        Locator causes = region(page, "History").getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Causes of v3"));
        assertThat(causes).containsText("revert to #");
        assertThat(causes).containsText("bad-model broke the answers");
        TestBrowser.screenshots(page, "history-4-reverted");

        // The audit timeline shows the revert; the state right after it has the agent on the good model.
        page.navigate(url("/settings/audit?entityType=agent&entityId=" + agentId));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Audit timeline"))).isVisible();
        Locator entry = page.locator("li.entry").filter(new Locator.FilterOptions().setHasText("revert to #")).first();
        assertThat(entry).containsText("bad-model broke the answers");
        entry.locator("summary").click();
        assertThat(entry).containsText(ADMIN);
        button(entry, "State at this point").click();
        Locator then = entry.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName(Pattern.compile("^Configuration at #\\d+$")));
        Locator agentRow = then.getByRole(AriaRole.TABLE, new Locator.GetByRoleOptions().setName("Agents then"))
                .getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(agent));
        assertThat(agentRow).containsText(provider + "/good-model");
        assertThat(entry.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Revert to here \\(#\\d+\\)$")))).isVisible();
        TestBrowser.screenshots(page, "history-5-audit-revert");
    }

    @Test
    @Order(2)
    void anAuditorReadsHistoryDiffsAndStateButCannotRevertOrPreview() {
        Api auditor = new TestSessions(sessionRepository, port).as("AUDITOR");
        Page view = browser.newPage(1280, 900);
        view.setDefaultTimeout(15_000);
        view.context().addCookies(List.of(new Cookie("SESSION", auditor.cookie("SESSION")).setDomain("127.0.0.1").setPath("/")));
        view.navigate(url("/settings/agents/" + agent));
        Locator history = region(view, "History");
        assertThat(history.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Causes of v3"))).containsText("revert to #");
        history.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("v2")).check();
        history.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("v3")).check();
        button(history, "Compare v2 and v3").click();
        assertThat(region(view, "Changes from v2 to v3").locator("table.changes")).containsText(provider + "/good-model");
        assertThat(view.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Revert")))).hasCount(0);
        assertThat(view.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview").setExact(true))).hasCount(0);
        TestBrowser.screenshots(view, "history-6-auditor");

        view.navigate(url("/settings/audit?entityType=agent&entityId=" + agentId));
        Locator entry = view.locator("li.entry").first();
        entry.locator("summary").click();
        button(entry, "State at this point").click();
        assertThat(entry.getByRole(AriaRole.TABLE, new Locator.GetByRoleOptions().setName("Agents then"))).containsText(agent);
        assertThat(view.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Revert")))).hasCount(0);
        view.context().close();
    }
}
