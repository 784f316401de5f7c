package dev.mosaic.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import dev.mosaic.server.rollout.FakeProvider;
import dev.mosaic.server.rollout.SimulatedAgent;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.LogScan;
import dev.mosaic.server.testing.TestSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staged rollouts in a real browser against the real server, with simulated agents (each following its config,
 * reporting what it applied, and running a gateway stub that chats only while its config is good) and a fake
 * provider: an admin turns the policy on in Settings → Rollout, breaks the provider's base URL, follows the link
 * to the rollout and sees it rolled back at the canary with the reason; a second rollout with a long bake is
 * paused, resumed, promoted and aborted from the Rollouts page; an auditor follows it without any button.
 * The policy is switched off and every rollout ended after each test: the server and database are shared.
 * Screenshots: target/screenshots/rollout-*.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutBrowserTest extends IntegrationTest {
    @Autowired
    SessionRepository<? extends Session> sessionRepository;

    private final List<SimulatedAgent> agents = new ArrayList<>();
    private TestBrowser browser;
    private FakeProvider provider;
    private Page page;
    private String providerId;
    private String canary;

    @BeforeAll
    void start() throws IOException {
        Files.createDirectories(TestBrowser.SCREENSHOTS);
        browser = new TestBrowser();
        // rollouts verify, bake and revert on the server; on a loaded machine that takes a while
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    /** Once: a fake provider, three simulated agents on it (the last a canary), the admin signed in. */
    @BeforeEach
    void setUp() throws Exception {
        if (page != null) {
            return;
        }
        Api.Response completed = admin.post("/api/onboarding/complete", Map.of());
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        provider = new FakeProvider();
        String name = unique("rob");
        Api.Response created = admin.post("/api/providers", Map.of("name", name, "displayName", name,
                "type", "custom", "baseUrl", provider.baseUrl(), "apiKey", LogScan.plant("sk-good-" + name),
                "models", List.of(Map.of("id", "m1", "name", "M1"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        providerId = created.json().get("id").asText();
        for (int i = 0; i < 3; i++) {
            String agentName = name + "-a" + i;
            Api.Response agent = admin.post("/api/agents", Map.of("name", agentName, "displayName", agentName,
                    "gatewayUrl", "http://127.0.0.1:9", "providerId", providerId, "primaryModel", "m1",
                    "canary", i == 2));
            assertThat(agent.status()).as(agent.body()).isEqualTo(201);
            SimulatedAgent simulated = new SimulatedAgent(agentName, agent.json().get("token").asText(), port);
            assertThat(admin.patch("/api/agents/" + agentName, Map.of("gatewayUrl", simulated.gatewayUrl())).status())
                    .isEqualTo(200);
            simulated.start();
            agents.add(simulated);
        }
        canary = name + "-a2";
        awaitRendered();
        await("every simulated agent runs its current version", () -> agents.stream().allMatch(a ->
                a.version() > 0 && a.version() == admin.get("/api/agents/" + a.name + "/status").json()
                        .get("currentVersion").asLong()));

        page = browser.newPage(1280, 900);
        page.setDefaultTimeout(30_000);
        page.navigate(url("/signin"));
        page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(ADMIN);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(ADMIN_PASSWORD);
        button(page, "Sign in").click();
        assertThat(page).hasURL(url("/settings/agents"));
    }

    /** After each test: no rollout left running, the policy off (other test classes share the server). */
    @AfterEach
    void endRollouts() {
        cleanUp(admin);
    }

    @AfterAll
    void stop() {
        Api api = new Api(port);
        if (api.login(ADMIN, ADMIN_PASSWORD).status() == 200) {
            cleanUp(api);
        }
        agents.forEach(SimulatedAgent::close);
        if (provider != null) {
            provider.close();
        }
        if (browser != null) {
            browser.close();
        }
        PlaywrightAssertions.setDefaultAssertionTimeout(5_000);
    }

    private static void cleanUp(Api api) {
        for (JsonNode r : api.get("/api/rollouts?limit=20").json().get("items")) {
            if (r.get("finishedAt").isNull()) {
                api.post("/api/rollouts/" + r.get("id").asText() + "/abort", Map.of());
            }
        }
        await("no rollout running", () -> {
            for (JsonNode r : api.get("/api/rollouts?limit=20").json().get("items")) {
                if (r.get("finishedAt").isNull()) {
                    return false;
                }
            }
            return true;
        });
        Api.Response off = api.put("/api/settings/rollout", Map.of("enabled", false));
        assertThat(off.status()).as(off.body()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void aBrokenBaseUrlIsRolledBackAtTheCanaryAndThePageSaysWhy() {
        // Settings → Rollout: on, two waves, checked by a real chat, a short bake
        page.navigate(url("/settings/rollout"));
        Locator form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Rollout policy"));
        form.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("Roll changes out in waves")).check();
        form.getByLabel("Waves (% of the agents a change affects)").fill("10, 100");
        form.getByLabel("Bake time (seconds)").fill("1");
        form.getByLabel("Apply timeout (seconds)").fill("20");
        form.getByLabel("Verification", new Locator.GetByLabelOptions().setExact(true)).selectOption("chat");
        form.getByLabel("Failed agents allowed per wave").fill("0");
        TestBrowser.screenshots(page, "rollout-1-policy");
        button(form, "Save").click();
        assertThat(form.getByText("Saved. Changes now reach the agents in waves.")).isVisible();
        JsonNode policy = admin.get("/api/settings/rollout").json();
        assertThat(policy.get("enabled").asBoolean()).isTrue();
        assertThat(policy.get("verify").asText()).isEqualTo("chat");
        assertThat(policy.get("waves").toString()).isEqualTo("[10,100]");

        // a base URL the gateways cannot chat through, saved in the provider's form
        page.navigate(url("/settings/providers/" + providerId));
        Locator details = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Provider details"));
        details.getByLabel("Base URL", new Locator.GetByLabelOptions().setExact(true)).fill(provider.baseUrl() + "/broken");
        button(details, "Save details").click();
        assertThat(details.getByText("Details saved.")).isVisible();
        Locator notice = page.locator(".rollout-banner");
        assertThat(notice).containsText("Your change");
        notice.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("See the rollout")).click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile("/rollouts/[0-9a-f-]{36}$"));

        // the rollout page follows it live to its end: rolled back at the canary, with the reason
        Locator finished = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Finished"));
        assertThat(finished.locator(".page-head .badge")).hasText("rolled back");
        assertThat(finished.getByTestId("rollout-failure")).containsText(canary + ": chat answered 502");
        assertThat(finished.getByTestId("rollout-failure")).containsText("undone by change #");
        Locator firstWave = finished.getByRole(AriaRole.TABLE, new Locator.GetByRoleOptions().setName("Agents of wave 1"));
        assertThat(firstWave).containsText(canary);
        assertThat(firstWave).containsText("failed");
        assertThat(finished.getByRole(AriaRole.TABLE, new Locator.GetByRoleOptions().setName("Agents of wave 2")))
                .containsText("waiting");
        assertThat(finished.getByRole(AriaRole.BUTTON)).hasCount(0);
        TestBrowser.screenshots(page, "rollout-2-rolled-back");

        // no agent after the canary ever received the broken config; the canary is back on the good one
        SimulatedAgent canaryAgent = agents.get(2);
        await("the canary is back on the good config", () -> !canaryAgent.documents
                .get(canaryAgent.documents.size() - 1).contains("broken"));
        assertThat(agents.subList(0, 2)).allSatisfy(a -> assertThat(a.documents).noneMatch(d -> d.contains("broken")));

        // the Rollouts page lists it with its outcome
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Rollouts")).click();
        assertThat(page.getByTestId("no-rollout")).isVisible();
        Locator past = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Past rollouts"));
        Locator row = past.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(canary + ": chat answered 502")).first();
        assertThat(row).containsText("rolled back");
        TestBrowser.screenshots(page, "rollout-3-rollouts-page");
    }

    @Test
    @Order(2)
    void aLongBakeIsPausedResumedPromotedAndAbortedWhileAnAuditorOnlyWatches() {
        Api.Response saved = admin.put("/api/settings/rollout", Map.of("enabled", true, "waves", List.of(10, 100),
                "bakeSeconds", 600, "applyTimeoutSeconds", 20, "verify", "chat", "maxFailedAgents", 0));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        Api.Response write = admin.put("/api/providers/" + providerId + "/api-key",
                Map.of("apiKey", LogScan.plant("sk-good-slow-" + providerId)));
        assertThat(write.status()).as(write.body()).isEqualTo(200);
        String rolloutId = write.header("Mosaic-Rollout");
        assertThat(rolloutId).isNotBlank();

        page.navigate(url("/rollouts"));
        Locator live = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Running now"));
        assertThat(live.locator(".rollout-cause")).containsText("change #");
        assertThat(live.locator(".wave").first().locator(".wave-head")).containsText("baking");
        assertThat(live.getByRole(AriaRole.TABLE, new Locator.GetByRoleOptions().setName("Agents of wave 1")))
                .containsText("healthy");
        assertThat(button(live, "Pause")).isVisible();
        assertThat(button(live, "Promote")).isVisible();
        assertThat(button(live, "Abort")).isVisible();
        assertThat(button(live, "Resume")).hasCount(0);
        TestBrowser.screenshots(page, "rollout-4-baking");

        // an agent of the second wave is held on its version, and its page says so
        String held = agents.get(0).name;
        page.navigate(url("/settings/agents/" + held));
        assertThat(page.getByTestId("served-version")).containsText("waits for its wave (wave 2 of the running rollout)");
        assertThat(page.getByTestId("rollout-banner")).containsText("A rollout is running");
        TestBrowser.screenshots(page, "rollout-5-agent-held");

        // an auditor follows the same rollout without any button, and sees the banner on the settings pages
        Api auditor = new TestSessions(sessionRepository, port).as("AUDITOR");
        Page view = browser.newPage(390, 844);
        view.setDefaultTimeout(30_000);
        view.context().addCookies(List.of(new Cookie("SESSION", auditor.cookie("SESSION")).setDomain("127.0.0.1").setPath("/")));
        view.navigate(url("/rollouts"));
        Locator watched = view.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Running now"));
        assertThat(watched.getByRole(AriaRole.TABLE, new Locator.GetByRoleOptions().setName("Agents of wave 1"))).containsText(canary);
        assertThat(watched.getByRole(AriaRole.NOTE)).containsText("Read-only");
        assertThat(watched.getByRole(AriaRole.BUTTON)).hasCount(0);
        view.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(TestBrowser.SCREENSHOTS.resolve("rollout-6-auditor-390.png")));
        view.navigate(url("/settings/providers"));
        assertThat(view.getByTestId("rollout-banner")).containsText("A rollout is running");
        view.context().close();

        // Pause, then Resume
        page.navigate(url("/rollouts"));
        button(live, "Pause").click();
        assertThat(live.locator(".page-head .badge")).hasText("paused");
        assertThat(button(live, "Resume")).isVisible();
        assertThat(button(live, "Pause")).hasCount(0);
        assertThat(state(rolloutId)).isEqualTo("paused");
        button(live, "Resume").click();
        assertThat(live.locator(".page-head .badge")).hasText("rolling out");

        // Promote: the second wave starts now, still checked
        button(live, "Promote").click();
        assertThat(live.getByText("Promoted: every remaining agent gets the change now, still checked.")).isVisible();
        await("the second wave runs", () -> rollout(rolloutId), r -> !r.get("waves").get(1).get("state").asText().equals("pending"));
        assertThat(live.locator(".wave").nth(1).locator(".wave-head")).not().containsText("waiting");

        // Abort asks first, then rolls the change back
        button(live, "Abort").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Abort this rollout?"));
        assertThat(dialog).isVisible();
        TestBrowser.screenshots(page, "rollout-7-abort-confirm");
        button(dialog, "Abort and roll back").click();
        JsonNode aborted = await("the abort rolls back", () -> rollout(rolloutId), r -> r.get("state").asText().equals("aborted"));
        assertThat(aborted.get("revertSeq").asLong()).isPositive();
        assertThat(page.getByTestId("no-rollout")).isVisible();
        Locator past = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Past rollouts"));
        Locator row = past.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("aborted by an admin")).first();
        assertThat(row).containsText("aborted");
        assertThat(row).containsText("undone by change #" + aborted.get("revertSeq").asLong());
        TestBrowser.screenshots(page, "rollout-8-aborted");
        await("every agent is back on the bytes before the change", () -> agents.stream().allMatch(a ->
                !a.documents.get(a.documents.size() - 1).contains("sk-good-slow-")));
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

    private JsonNode rollout(String id) {
        Api.Response response = admin.get("/api/rollouts/" + id);
        return response.status() == 200 ? response.json() : null;
    }

    private String state(String id) {
        return rollout(id).get("state").asText();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        await(what, () -> condition.getAsBoolean() ? Boolean.TRUE : null, b -> true);
    }

    private static <T> T await(String what, Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + 40_000_000_000L;
        T last = null;
        while (System.nanoTime() < deadline) {
            last = read.get();
            if (last != null && done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting until " + what + "; last seen: " + last);
    }
}
