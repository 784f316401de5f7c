package dev.mosaic.server.ui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in a real browser against the real server (the shared integration-test context), with agents
 * whose gateways are an in-process fake: an answer that streams in, Stop on a long answer (Mosaic then
 * cancels the gateway request), and errors before and during streaming. Screenshots: target/screenshots/chat-*.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatBrowserTest extends IntegrationTest {
    private FakeChatGateway gateway;
    private TestBrowser browser;
    private Page page;
    /** Display names of the agents, unique to this run: stream, forever, fail, break. */
    private final Map<String, String> agents = new java.util.HashMap<>();

    @BeforeAll
    void start() throws IOException {
        Files.createDirectories(TestBrowser.SCREENSHOTS);
        gateway = new FakeChatGateway();
        browser = new TestBrowser();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    /** Once (the admin exists by now): onboarding done, the agents registered, the browser signed in. */
    @BeforeEach
    void signInTheBrowser() {
        if (page != null) {
            return;
        }
        Api.Response completed = admin.post("/api/onboarding/complete", Map.of());
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        String providerId = createProvider(unique("chatui"), "m1");
        String suffix = unique("x").substring(2);
        for (var entry : Map.of("stream", "Streamer", "forever", "Chatterbox", "fail", "Broken", "break", "Flaky").entrySet()) {
            String displayName = entry.getValue() + " " + suffix;
            Api.Response created = admin.post("/api/agents", Map.of("name", entry.getKey() + "-" + suffix,
                    "displayName", displayName, "role", "test agent", "gatewayUrl", gateway.url(entry.getKey()),
                    "providerId", providerId, "primaryModel", "m1"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            agents.put(entry.getKey(), displayName);
        }

        page = browser.newPage(1280, 900);
        page.setDefaultTimeout(15_000);
        page.navigate(url("/signin"));
        field("Username").fill(ADMIN);
        field("Password").fill(ADMIN_PASSWORD);
        button("Sign in").click();
        assertThat(page).hasURL(url("/settings/agents"));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator field(String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    private Locator messageBox() {
        return page.locator("textarea[name=message]");
    }

    private Locator answers(String agent) {
        return page.getByRole(AriaRole.LOG, new Page.GetByRoleOptions().setName("Conversation"))
                .getByRole(AriaRole.ARTICLE, new Locator.GetByRoleOptions().setName(agents.get(agent)).setExact(true));
    }

    /** Opens the chat from the main navigation and picks the agent. */
    private void openChatWith(String agent) {
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Chat")).click();
        assertThat(page).hasURL(url("/chat"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Chat"))).isVisible();
        field("Agent").selectOption(new SelectOption().setLabel(agents.get(agent) + " — test agent"));
        assertThat(messageBox()).hasAttribute("placeholder", "Message " + agents.get(agent));
    }

    /**
     * The page at 1280 px (whole page), then at 390 px as a phone shows it: the viewport scrolled to the end,
     * where the message box stays (a whole-page capture misplaces that sticky box).
     */
    private void screenshots(String name) {
        var size = page.viewportSize();
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(TestBrowser.SCREENSHOTS.resolve(name + "-1280.png")));
        page.setViewportSize(390, 844);
        page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)");
        page.screenshot(new Page.ScreenshotOptions().setPath(TestBrowser.SCREENSHOTS.resolve(name + "-390.png")));
        page.setViewportSize(size.width, size.height);
    }

    private void send(String text) {
        messageBox().fill(text);
        messageBox().press("Enter");
    }

    @Test
    @Order(1)
    void theAnswerStreamsInAsTheGatewayWritesIt() {
        page.navigate(url("/settings/agents"));
        openChatWith("stream");
        assertThat(messageBox()).isFocused();
        send("Hi there! <script>window.pwned = true</script>");

        Locator answer = answers("stream").first();
        // The first chunk is on screen while the gateway still holds back the rest.
        assertThat(answer.locator("strong")).hasText("first chunk");
        assertThat(button("Stop")).isVisible();
        assertThat(gateway.restSentAt).as("the gateway has not sent the rest yet").isZero();
        assertThat(answer).not().containsText("All done.");
        screenshots("chat-1-streaming");

        assertThat(answer).containsText("All done.");
        assertThat(answer.locator("li")).hasCount(2);
        assertThat(answer.locator("li code")).hasText("inline code");
        assertThat(answer.locator("pre code")).hasText("int answer = 42;");
        assertThat(button("Send")).isVisible();
        // The question is shown as text: its <script> never ran.
        assertThat(page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("You")))
                .containsText("<script>window.pwned = true</script>");
        assertThat(page.evaluate("() => window.pwned === undefined")).isEqualTo(true);

        // The next turn sends the whole conversation.
        gateway.pauseMillis = 200;
        send("And then?");
        assertThat(answers("stream")).hasCount(2);
        assertThat(answers("stream").nth(1)).containsText("All done.");
        assertThat(gateway.lastBody.get("messages")).hasSize(3);
        assertThat(gateway.lastBody.at("/messages/1/role").asText()).isEqualTo("assistant");
        assertThat(gateway.lastBody.at("/messages/1/content").asText())
                .isEqualTo(FakeChatGateway.FIRST_CHUNK + FakeChatGateway.REST);
        assertThat(gateway.lastBody.at("/messages/2/content").asText()).isEqualTo("And then?");
        screenshots("chat-2-answer");

        button("New chat").click();
        assertThat(answers("stream")).hasCount(0);
        assertThat(messageBox()).isFocused();
    }

    @Test
    @Order(2)
    void stopEndsALongAnswerAndMosaicCancelsTheGatewayRequest() throws InterruptedException {
        CountDownLatch wentAway = new CountDownLatch(1);
        gateway.clientWentAway = wentAway;
        page.navigate(url("/settings/agents"));
        openChatWith("forever");
        send("Count for me, please.");

        Locator answer = answers("forever").first();
        assertThat(answer).containsText("word 5 ");
        screenshots("chat-3-long-answer");
        button("Stop").click();

        assertThat(answer).containsText("Stopped.");
        assertThat(button("Send")).isVisible();
        assertThat(messageBox()).isFocused();
        assertThat(wentAway.await(10, TimeUnit.SECONDS)).as("the gateway saw its client go away").isTrue();
        String shown = answer.locator(".msg-body").textContent();
        page.waitForTimeout(500);
        assertThat(answer.locator(".msg-body")).hasText(shown);
        screenshots("chat-3-stopped");
    }

    @Test
    @Order(3)
    void errorsBeforeAndDuringStreamingAreShownInTheConversation() {
        page.navigate(url("/settings/agents"));
        openChatWith("fail");
        send("Are you there?");
        Locator failed = answers("fail").first();
        assertThat(failed.getByRole(AriaRole.ALERT)).hasText("The agent's gateway answered 500.");
        assertThat(button("Send")).isVisible();
        screenshots("chat-4-problem");

        field("Agent").selectOption(new SelectOption().setLabel(agents.get("break") + " — test agent"));
        assertThat(answers("fail")).hasCount(0);
        send("Tell me a story.");
        Locator cut = answers("break").first();
        assertThat(cut).containsText("Half an answer");
        assertThat(cut.getByRole(AriaRole.ALERT)).containsText(Pattern.compile("ended the answer early"));
        screenshots("chat-4-error");
    }
}
