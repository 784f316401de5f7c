package dev.mosaic.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.mosaic.command.api.CreateBreakglassUser;
import dev.mosaic.command.api.SetChangePolicy;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four-eyes in two real browsers against the real server: with the change policy at one approval, admin A proposes
 * a model change of an agent (previewed first; the form offers "Propose model", not "Save model"), admin B (a
 * second breakglass admin in a browser context of their own) finds it under Change requests, reads its preview and
 * approves it with a comment; A applies it; the agent's served config moves, and the audit names the request, A
 * and B. Screenshots: target/screenshots/four-eyes-*.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FourEyesBrowserTest extends IntegrationTest {
    @Autowired
    CommandGateway commands;

    private TestBrowser browser;

    @BeforeAll
    void start() throws IOException {
        Files.createDirectories(TestBrowser.SCREENSHOTS);
        browser = new TestBrowser();
        // a proposal and an apply run a trial of the write on the server; on a loaded machine that takes a while
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        PlaywrightAssertions.setDefaultAssertionTimeout(5_000);
    }

    /** Other test classes share the database: four-eyes off again. */
    @AfterEach
    void fourEyesOff() {
        commands.sendAndWait(new SetChangePolicy(null, 0));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static Locator button(Locator scope, String name) {
        return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** A browser window of its own (its own cookies), signed in through the real sign-in page. */
    private Page signIn(String username, String password) {
        Page page = browser.newPage(1280, 900);
        page.setDefaultTimeout(20_000);
        page.navigate(url("/signin"));
        page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        button(page, "Sign in").click();
        assertThat(page).hasURL(url("/settings/agents"));
        return page;
    }

    @Test
    void oneAdminProposesAnotherApprovesTheFirstApplies() {
        Api.Response completed = admin.post("/api/onboarding/complete", Map.of());
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        String provider = unique("fe-ui");
        String providerId = createProvider(provider, "m1", "m2");
        String agent = unique("fe-ui-agent");
        createAgent(agent, providerId, "m1");
        awaitRendered();
        long before = servedConfigs.byName(agent).orElseThrow().version();

        String bob = unique("bob");
        String bobPassword = "password-of-" + bob;
        commands.sendAndWait(new CreateBreakglassUser(UUID.randomUUID().toString(), bob, bobPassword, false));
        assertThat(admin.put("/api/settings/change-policy", Map.of("approvalsRequired", 1)).status())
                .as("raising the policy needs no approval").isEqualTo(200);

        // A: the model form offers Propose; the preview says what would change; proposing changes nothing yet
        Page a = signIn(ADMIN, ADMIN_PASSWORD);
        a.navigate(url("/settings/agents/" + agent));
        assertThat(a.getByTestId("four-eyes-note")).containsText("Four-eyes is on");
        Locator model = a.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Model"));
        model.getByLabel("Primary model", new Locator.GetByLabelOptions().setExact(true)).selectOption("m2");
        assertThat(button(model, "Save model")).hasCount(0);
        button(model, "Preview").click();
        Locator formPreview = model.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("Preview"));
        assertThat(formPreview.getByTestId("preview-agents")).hasText("1 agent gets a new config version: " + agent + ".");
        button(model, "Propose model").click();
        Locator proposed = model.getByTestId("proposed");
        assertThat(proposed).containsText("Proposed as change request “Change the model of agent " + agent
                + " to m2” — it needs 1 approval");
        assertThat(model.getByRole(AriaRole.ALERT)).hasCount(0);
        assertThat(admin.get("/api/agents/" + agent).json().get("primaryModel").asText())
                .as("a proposal changes nothing").isEqualTo("m1");
        TestBrowser.screenshots(a, "four-eyes-1-proposed");

        proposed.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Open the change request")).click();
        assertThat(a).hasURL(Pattern.compile(".*/change-requests/[0-9a-f-]{36}$"));
        String id = a.url().substring(a.url().lastIndexOf('/') + 1);
        Locator detailPreview = a.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("What applying it would change now"));
        assertThat(detailPreview.getByTestId("preview-agents")).hasText("1 agent gets a new config version: " + agent + ".");
        assertThat(detailPreview).containsText(provider + "/m2");
        assertThat(a.getByTestId("cr-own")).hasText("You proposed this change: another admin must approve it.");
        assertThat(button(a, "Approve")).hasCount(0);
        assertThat(button(a, "Apply")).hasCount(0);

        // B: the waiting request counted in the navigation, listed, previewed and approved with a comment
        Page b = signIn(bob, bobPassword);
        Locator nav = b.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"));
        Locator requestsLink = nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^Change requests")));
        assertThat(requestsLink.getByTestId("cr-count")).isVisible();
        requestsLink.click();
        Locator waiting = b.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Waiting change requests"));
        Locator item = waiting.getByTestId("cr-item").filter(new Locator.FilterOptions().setHasText(agent));
        assertThat(item).containsText("Proposed by " + ADMIN);
        assertThat(item.getByTestId("cr-state")).hasText("waiting for approval");
        TestBrowser.screenshots(b, "four-eyes-2-list");
        item.getByRole(AriaRole.LINK).click();
        assertThat(b).hasURL(url("/change-requests/" + id));
        assertThat(b.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("What applying it would change now"))
                .getByTestId("preview-agents")).hasText("1 agent gets a new config version: " + agent + ".");
        assertThat(button(b, "Apply")).hasCount(0);
        b.getByLabel("Comment", new Page.GetByLabelOptions().setExact(true)).fill("m2 is the better model");
        TestBrowser.screenshots(b, "four-eyes-3-review");
        button(b, "Approve").click();
        assertThat(b.getByText("Approved.", new Page.GetByTextOptions().setExact(true))).isVisible();
        assertThat(b.getByTestId("cr-state")).hasText("approved, ready to apply");
        assertThat(b.getByTestId("cr-approvals")).containsText(bob + " (“m2 is the better model”)");

        // A applies it: the agent's config moves
        a.reload();
        assertThat(a.getByTestId("cr-state")).hasText("approved, ready to apply");
        button(a, "Apply").click();
        assertThat(a.getByText("Applied.", new Page.GetByTextOptions().setExact(true))).isVisible();
        assertThat(a.getByTestId("cr-state")).hasText("applied");
        TestBrowser.screenshots(a, "four-eyes-4-applied");
        assertThat(admin.get("/api/agents/" + agent).json().get("primaryModel").asText()).isEqualTo("m2");
        awaitRendered();
        assertThat(servedConfigs.byName(agent).orElseThrow().version()).isGreaterThan(before);
        assertThat(servedConfigs.byName(agent).orElseThrow().document()).asString().contains(provider + "/m2");

        // the audit names the request, its author and its approver, in the API and on the audit page
        String both = "change request " + id.substring(0, 8) + " by " + ADMIN + ", approved by " + bob;
        JsonNode audit = admin.get("/api/audit?entityType=agent&entityId="
                + admin.get("/api/agents/" + agent).json().get("id").asText() + "&limit=20").json().get("items");
        assertThat(audit.toString()).contains(both);
        b.navigate(url("/settings/audit"));
        assertThat(b.locator("main")).containsText(both);
        TestBrowser.screenshots(b, "four-eyes-5-audit");

        // decided: listed under Decided, nothing waiting for it any more
        b.navigate(url("/change-requests"));
        Locator decided = b.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Decided change requests"));
        assertThat(decided.getByTestId("cr-item").filter(new Locator.FilterOptions().setHasText(agent))).containsText("applied");
    }
}
