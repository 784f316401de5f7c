package dev.mosaic.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat history in a real browser against the real server: a chat is kept (the address names it, a reload
 * brings it back from the list with its messages), continued, renamed and deleted; at 390 px the list folds
 * behind a "Conversations" toggle and nothing overflows sideways. The agent's gateway is the in-process
 * {@link FakeChatGateway}. Screenshots: target/screenshots/chat-history-*.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatHistoryBrowserTest extends IntegrationTest {
    private static final Pattern CONVERSATION_URL = Pattern.compile(".*/chat/([0-9a-f-]{36})$");
    private FakeChatGateway gateway;
    private TestBrowser browser;
    private Page page;
    /** Unique to this run: the database is shared with the other test classes (the admin chats there too). */
    private final String suffix = unique("h").substring(2);
    private String agentName;

    @BeforeAll
    void start() throws IOException {
        Files.createDirectories(TestBrowser.SCREENSHOTS);
        gateway = new FakeChatGateway();
        gateway.pauseMillis = 100;
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

    /** Once (the admin exists by now): onboarding done, an agent whose gateway streams, the browser signed in. */
    @BeforeEach
    void signInTheBrowser() {
        if (page != null) {
            return;
        }
        Api.Response completed = admin.post("/api/onboarding/complete", Map.of());
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        String providerId = createProvider(unique("historyui"), "m1");
        agentName = "Historian " + suffix;
        Api.Response created = admin.post("/api/agents", Map.of("name", "historian-" + suffix,
                "displayName", agentName, "role", "test agent", "gatewayUrl", gateway.url("stream"),
                "providerId", providerId, "primaryModel", "m1"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

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

    private Locator log() {
        return page.getByRole(AriaRole.LOG, new Page.GetByRoleOptions().setName("Conversation"));
    }

    private Locator answers() {
        return log().getByRole(AriaRole.ARTICLE, new Locator.GetByRoleOptions().setName(agentName).setExact(true));
    }

    private Locator questions() {
        return log().getByRole(AriaRole.ARTICLE, new Locator.GetByRoleOptions().setName("You").setExact(true));
    }

    private Locator conversationList() {
        return page.getByRole(AriaRole.COMPLEMENTARY, new Page.GetByRoleOptions().setName("Your conversations"));
    }

    /** The conversation's entry in the list (its title is unique to this run). */
    private Locator listed(String title) {
        return conversationList().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(title));
    }

    private void send(String text) {
        messageBox().fill(text);
        messageBox().press("Enter");
    }

    /** A new chat with this run's agent: its first answer arrives, then the address names the conversation. */
    private String chat(String question) {
        page.navigate(url("/chat"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Chat"))).isVisible();
        field("Agent").selectOption(new SelectOption().setLabel(agentName + " — test agent"));
        assertThat(messageBox()).hasAttribute("placeholder", "Message " + agentName);
        send(question);
        assertThat(answers().first()).containsText("All done.");
        assertThat(page).hasURL(CONVERSATION_URL);
        Matcher id = CONVERSATION_URL.matcher(page.url());
        assertThat(id.matches()).isTrue();
        return id.group(1);
    }

    private JsonNode stored(String id) {
        Api.Response read = admin.get("/api/chat/conversations/" + id);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        return read.json();
    }

    /** The conversation once it holds {@code count} messages: an answer is stored just after its stream ended. */
    private JsonNode stored(String id, int count) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        JsonNode kept = stored(id);
        while (kept.get("messages").size() < count && System.nanoTime() < deadline) {
            page.waitForTimeout(100);
            kept = stored(id);
        }
        return kept;
    }

    private void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(TestBrowser.SCREENSHOTS.resolve(name + ".png")));
    }

    @Test
    @Order(1)
    void aChatIsKeptContinuedRenamedAndDeleted() {
        String question = "Plan a trip " + suffix;
        String id = chat(question);

        // Reload: the address brings the conversation back, and the list holds it.
        page.reload();
        assertThat(listed(question)).isVisible();
        assertThat(listed(question)).hasAttribute("aria-current", "page");
        assertThat(listed(question)).containsText(agentName);
        assertThat(questions()).hasCount(1);
        assertThat(questions().first()).containsText(question);
        assertThat(answers()).hasCount(1);
        assertThat(answers().first().locator("strong")).hasText("first chunk");
        assertThat(answers().first().locator("pre code")).hasText("int answer = 42;");
        assertThat(field("Agent")).hasValue("historian-" + suffix);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(question))).isVisible();
        screenshot("chat-history-1-reloaded");

        // Continue it: the whole loaded history goes to the gateway, the answer is kept in the same conversation.
        send("And then?");
        assertThat(answers()).hasCount(2);
        assertThat(answers().nth(1)).containsText("All done.");
        assertThat(gateway.lastBody.get("messages")).hasSize(3);
        assertThat(gateway.lastBody.at("/messages/0/content").asText()).isEqualTo(question);
        assertThat(gateway.lastBody.at("/messages/1/content").asText())
                .isEqualTo(FakeChatGateway.FIRST_CHUNK + FakeChatGateway.REST);
        assertThat(page).hasURL(url("/chat/" + id));
        JsonNode kept = stored(id, 4);
        assertThat(kept.get("messages")).hasSize(4);
        assertThat(kept.at("/messages/2/content").asText()).isEqualTo("And then?");
        assertThat(kept.at("/messages/3/content").asText()).isEqualTo(FakeChatGateway.FIRST_CHUNK + FakeChatGateway.REST);
        assertThat(kept.at("/messages/3/status").asText()).isEqualTo("complete");

        // Rename it.
        String title = "Winter trip " + suffix;
        button("Rename").click();
        assertThat(field("Title")).hasValue(question);
        field("Title").fill(title);
        button("Save title").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(title))).isVisible();
        assertThat(listed(title)).isVisible();
        assertThat(listed(question)).hasCount(0);
        assertThat(stored(id).get("title").asText()).isEqualTo(title);
        screenshot("chat-history-2-renamed");

        // Delete it: asked first, then gone from the list and from Mosaic.
        button("Delete").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Delete this conversation?"));
        assertThat(dialog).containsText("This cannot be undone.");
        screenshot("chat-history-3-delete");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete conversation")).click();
        assertThat(page).hasURL(url("/chat"));
        assertThat(listed(title)).hasCount(0);
        assertThat(answers()).hasCount(0);
        assertThat(admin.get("/api/chat/conversations/" + id).status()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void at390PixelsTheListFoldsAwayAndNothingOverflows() {
        page.setViewportSize(390, 844);
        String question = "A question on a phone " + suffix;
        String id = chat(question);
        assertThat(noSidewaysScroll()).as("the page scrolls sideways at 390 px").isTrue();

        page.navigate(url("/chat"));
        Locator toggle = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Conversations")));
        assertThat(toggle).isVisible();
        assertThat(toggle).hasAttribute("aria-expanded", "false");
        assertThat(listed(question)).isHidden();
        toggle.click();
        assertThat(toggle).hasAttribute("aria-expanded", "true");
        assertThat(listed(question)).isVisible();
        assertThat(noSidewaysScroll()).as("the unfolded list scrolls sideways at 390 px").isTrue();
        page.screenshot(new Page.ScreenshotOptions().setPath(TestBrowser.SCREENSHOTS.resolve("chat-history-4-list-390.png")));

        listed(question).click();
        assertThat(page).hasURL(url("/chat/" + id));
        assertThat(answers().first()).containsText("All done.");
        assertThat(listed(question)).isHidden();
        assertThat(noSidewaysScroll()).as("the conversation scrolls sideways at 390 px").isTrue();
        page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)");
        page.screenshot(new Page.ScreenshotOptions().setPath(TestBrowser.SCREENSHOTS.resolve("chat-history-5-conversation-390.png")));
        page.setViewportSize(1280, 900);
    }

    private boolean noSidewaysScroll() {
        return (Boolean) page.evaluate("() => document.scrollingElement.scrollWidth <= 390");
    }
}
