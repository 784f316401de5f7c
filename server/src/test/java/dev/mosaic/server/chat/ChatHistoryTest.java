package dev.mosaic.server.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.command.api.CreateBreakglassUser;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.TestSessions;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Conversations kept per user through the chat proxy, against the in-process fake gateway: new and continued
 * conversations, the list, rename and delete, privacy between people (two breakglass accounts and one signed in
 * through OIDC), answers that were stopped or failed, and no text readable in the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatHistoryTest extends IntegrationTest {
    private static final String CONVERSATIONS = "/api/chat/conversations";
    @Autowired
    CommandGateway commands;
    @Autowired
    SessionRepository<? extends Session> sessionRepository;
    @Autowired
    DataSource dataSource;
    private FakeGateway gateway;
    private String agent;
    private String otherAgent;

    @BeforeAll
    void startGateway() throws Exception {
        gateway = new FakeGateway();
    }

    @AfterAll
    void stopGateway() {
        gateway.close();
    }

    @BeforeEach
    void agents() {
        gateway.behaviour = FakeGateway.Behaviour.STREAM_WITH_PAUSE;
        gateway.pauseMillis = 10;
        if (agent == null) {
            String provider = createProvider(unique("history"), "m1");
            agent = agentAt(provider);
            otherAgent = agentAt(provider);
        }
    }

    private String agentAt(String provider) {
        String name = unique("historian");
        Api.Response created = admin.post("/api/agents", Map.of("name", name, "displayName", "Historian",
                "gatewayUrl", gateway.url(), "providerId", provider, "primaryModel", "m1"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    private static Map<String, Object> chat(String conversationId, boolean stream, String... turns) {
        List<Map<String, String>> messages = new ArrayList<>();
        for (int i = 0; i < turns.length; i++) {
            messages.add(Map.of("role", i % 2 == 0 ? "user" : "assistant", "content", turns[i]));
        }
        return conversationId == null ? Map.of("stream", stream, "messages", messages)
                : Map.of("stream", stream, "messages", messages, "conversationId", conversationId);
    }

    private Api secondBreakglassUser() {
        String username = unique("bg");
        String password = "a-password-for-" + username;
        commands.sendAndWait(new CreateBreakglassUser(UUID.randomUUID().toString(), username, password, false));
        Api user = anonymous();
        assertThat(user.login(username, password).status()).isEqualTo(200);
        return user;
    }

    @Test
    void aChatIsKeptAndContinuedInItsConversation() {
        Api.Response first = admin.post("/api/chat/" + agent, chat(null, true, "Hello there, how are you?\nSecond line"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("data: [DONE]");
        String id = first.header("Mosaic-Conversation");
        assertThat(id).isNotBlank();
        assertThat(gateway.lastBody.has("conversationId")).as("Mosaic's own field is not forwarded").isFalse();

        JsonNode kept = admin.get(CONVERSATIONS + "/" + id).json();
        assertThat(kept.get("agent").asText()).isEqualTo(agent);
        assertThat(kept.get("title").asText()).isEqualTo("Hello there, how are you?");
        assertThat(kept.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(kept.at("/messages/0/content").asText()).isEqualTo("Hello there, how are you?\nSecond line");
        assertThat(kept.at("/messages/1/role").asText()).isEqualTo("assistant");
        assertThat(kept.at("/messages/1/content").asText()).isEqualTo("firstsecond");
        assertThat(kept.at("/messages/1/status").asText()).isEqualTo("complete");
        assertThat(kept.at("/messages/1/at").asText()).isNotBlank();

        Api.Response second = admin.post("/api/chat/" + agent,
                chat(id, true, "Hello there, how are you?\nSecond line", "firstsecond", "And then?"));
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.header("Mosaic-Conversation")).isEqualTo(id);
        assertThat(gateway.lastBody.get("messages")).hasSize(3);

        JsonNode continued = admin.get(CONVERSATIONS + "/" + id).json();
        assertThat(continued.get("messages")).hasSize(4);
        assertThat(continued.at("/messages/2/content").asText()).isEqualTo("And then?");
        JsonNode listed = admin.get(CONVERSATIONS).json().at("/items/0");
        assertThat(listed.get("id").asText()).isEqualTo(id);
        assertThat(listed.get("messageCount").asInt()).isEqualTo(4);
        assertThat(listed.get("title").asText()).isEqualTo("Hello there, how are you?");
    }

    @Test
    void aWholeAnswerIsKeptToo() {
        gateway.behaviour = FakeGateway.Behaviour.WHOLE;
        Api.Response answer = admin.post("/api/chat/" + agent, chat(null, false, "not streamed"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);

        JsonNode kept = admin.get(CONVERSATIONS + "/" + answer.header("Mosaic-Conversation")).json();
        assertThat(kept.at("/messages/1/content").asText()).isEqualTo("whole answer");
        assertThat(kept.at("/messages/1/status").asText()).isEqualTo("complete");
    }

    @Test
    void nobodyElseCanReadContinueRenameOrDeleteAConversationAdminsIncluded() {
        Api bob = secondBreakglassUser();
        Api oidcUser = new TestSessions(sessionRepository, port).as("USER");
        String bobs = bob.post("/api/chat/" + agent, chat(null, true, "bob's secret plan")).header("Mosaic-Conversation");
        String oidcs = oidcUser.post("/api/chat/" + agent, chat(null, true, "oidc user's note")).header("Mosaic-Conversation");
        String admins = admin.post("/api/chat/" + agent, chat(null, true, "admin's question")).header("Mosaic-Conversation");

        for (Api stranger : List.of(admin, oidcUser)) {
            assertThat(stranger.get(CONVERSATIONS + "/" + bobs).status()).isEqualTo(404);
            assertThat(stranger.patch(CONVERSATIONS + "/" + bobs, Map.of("title", "mine now")).status()).isEqualTo(404);
            assertThat(stranger.delete(CONVERSATIONS + "/" + bobs).status()).isEqualTo(404);
            Api.Response hijack = stranger.post("/api/chat/" + agent, chat(bobs, true, "continue it"));
            assertThat(hijack.status()).as(hijack.body()).isEqualTo(404);
            assertThat(hijack.header("Content-Type")).startsWith("application/problem+json");
            assertThat(stranger.get(CONVERSATIONS + "?limit=200").body()).doesNotContain(bobs);
        }
        assertThat(bob.get(CONVERSATIONS + "/" + oidcs).status()).isEqualTo(404);
        assertThat(bob.get(CONVERSATIONS + "/" + admins).status()).isEqualTo(404);
        assertThat(oidcUser.get(CONVERSATIONS + "/" + admins).status()).isEqualTo(404);
        assertThat(oidcUser.delete(CONVERSATIONS).status()).as("deleting all of one's own").isEqualTo(204);

        JsonNode bobsList = bob.get(CONVERSATIONS).json().get("items");
        assertThat(bobsList).hasSize(1);
        assertThat(bobsList.get(0).get("title").asText()).isEqualTo("bob's secret plan");
        assertThat(bob.get(CONVERSATIONS + "/" + bobs).json().at("/messages/0/content").asText())
                .isEqualTo("bob's secret plan");
        assertThat(admin.get(CONVERSATIONS + "/" + admins).status()).isEqualTo(200);
        assertThat(oidcUser.get(CONVERSATIONS).json().get("items")).isEmpty();
    }

    @Test
    void renameDeleteAndDeleteAll() {
        Api user = new TestSessions(sessionRepository, port).as("USER");
        String one = user.post("/api/chat/" + agent, chat(null, true, "one")).header("Mosaic-Conversation");
        String two = user.post("/api/chat/" + agent, chat(null, true, "two")).header("Mosaic-Conversation");

        Api.Response renamed = user.patch(CONVERSATIONS + "/" + one, Map.of("title", "  Trip to Lisbon "));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("title").asText()).isEqualTo("Trip to Lisbon");
        assertThat(user.get(CONVERSATIONS + "/" + one).json().get("title").asText()).isEqualTo("Trip to Lisbon");
        Api.Response blank = user.patch(CONVERSATIONS + "/" + one, Map.of("title", " "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().at("/errors/0/field").asText()).isEqualTo("title");
        assertThat(user.patch(CONVERSATIONS + "/" + one, Map.of("title", "x".repeat(201))).status()).isEqualTo(400);

        assertThat(user.delete(CONVERSATIONS + "/" + one).status()).isEqualTo(204);
        assertThat(user.get(CONVERSATIONS + "/" + one).status()).isEqualTo(404);
        assertThat(user.delete(CONVERSATIONS + "/" + one).status()).isEqualTo(404);
        Api.Response continueDeleted = user.post("/api/chat/" + agent, chat(one, true, "one", "a", "more"));
        assertThat(continueDeleted.status()).isEqualTo(404);
        assertThat(user.get(CONVERSATIONS + "/" + two).status()).isEqualTo(200);

        assertThat(user.delete(CONVERSATIONS).status()).isEqualTo(204);
        assertThat(user.get(CONVERSATIONS).json().get("items")).isEmpty();
        assertThat(database.queryForObject("select count(*) from chat_message where conversation_id = ?::uuid",
                Integer.class, two)).as("messages go with their conversation").isZero();
    }

    @Test
    void theListIsNewestFirstAndPagedByCursor() {
        Api user = new TestSessions(sessionRepository, port).as("USER");
        List<String> ids = new ArrayList<>();
        for (String text : List.of("oldest", "middle", "newest")) {
            ids.add(user.post("/api/chat/" + agent, chat(null, true, text)).header("Mosaic-Conversation"));
        }
        JsonNode page = user.get(CONVERSATIONS + "?limit=2").json();
        assertThat(page.get("items")).extracting(item -> item.get("title").asText()).containsExactly("newest", "middle");
        String cursor = page.get("nextCursor").asText();
        JsonNode rest = user.get(CONVERSATIONS + "?limit=2&cursor=" + cursor).json();
        assertThat(rest.get("items")).extracting(item -> item.get("id").asText()).containsExactly(ids.get(0));
        assertThat(rest.has("nextCursor")).isFalse();

        user.post("/api/chat/" + agent, chat(ids.get(0), true, "oldest", "firstsecond", "back to it"));
        assertThat(user.get(CONVERSATIONS).json().at("/items/0/id").asText()).as("the conversation added to moves up")
                .isEqualTo(ids.get(0));

        Api.Response badCursor = user.get(CONVERSATIONS + "?cursor=garbage");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.json().at("/errors/0/field").asText()).isEqualTo("cursor");
        assertThat(user.get(CONVERSATIONS + "?limit=0").status()).isEqualTo(400);
    }

    @Test
    void badConversationIdsAreRefusedNamingTheField() {
        Api.Response notUuid = admin.post("/api/chat/" + agent, chat("not-a-uuid", true, "hi"));
        assertThat(notUuid.status()).isEqualTo(400);
        assertThat(notUuid.json().at("/errors/0/field").asText()).isEqualTo("conversationId");
        Api.Response unknown = admin.post("/api/chat/" + agent, chat(UUID.randomUUID().toString(), true, "hi"));
        assertThat(unknown.status()).isEqualTo(404);
        String id = admin.post("/api/chat/" + agent, chat(null, true, "hi")).header("Mosaic-Conversation");
        Api.Response otherAgentsChat = admin.post("/api/chat/" + otherAgent, chat(id, true, "hi", "firstsecond", "x"));
        assertThat(otherAgentsChat.status()).isEqualTo(400);
        assertThat(otherAgentsChat.json().at("/errors/0/field").asText()).isEqualTo("conversationId");
        assertThat(admin.get(CONVERSATIONS + "/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void aStoppedAnswerIsKeptWithWhatHadArrived() throws Exception {
        gateway.behaviour = FakeGateway.Behaviour.STREAM_FOREVER;
        HttpResponse<InputStream> response = stream(chat(null, true, "count for me"));
        String id = response.headers().firstValue("Mosaic-Conversation").orElseThrow();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.contains("tick 2")) {
                    break; // the person presses Stop
                }
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode answer = admin.get(CONVERSATIONS + "/" + id).json().at("/messages/1");
            assertThat(answer.path("status").asText()).isEqualTo("stopped");
            assertThat(answer.path("content").asText()).startsWith("tick 0tick 1tick 2");
        });
    }

    @Test
    void failedAnswersAreKeptMarkedWithTheirError() {
        gateway.behaviour = FakeGateway.Behaviour.BREAK_MID_STREAM;
        Api.Response broken = admin.post("/api/chat/" + agent, chat(null, true, "break please"));
        assertThat(broken.body()).contains("event: error");
        JsonNode midStream = admin.get(CONVERSATIONS + "/" + broken.header("Mosaic-Conversation")).json().at("/messages/1");
        assertThat(midStream.get("status").asText()).isEqualTo("failed");
        assertThat(midStream.get("content").asText()).isEqualTo("first");
        assertThat(midStream.get("error").asText()).contains("gateway");

        gateway.behaviour = FakeGateway.Behaviour.STATUS_500;
        Api.Response refused = admin.post("/api/chat/" + agent, chat(null, true, "fail at once"));
        assertThat(refused.status()).isEqualTo(502);
        JsonNode beforeFirstByte = admin.get(CONVERSATIONS + "/" + refused.header("Mosaic-Conversation")).json();
        assertThat(beforeFirstByte.at("/messages/0/content").asText()).isEqualTo("fail at once");
        assertThat(beforeFirstByte.at("/messages/1/status").asText()).isEqualTo("failed");
        assertThat(beforeFirstByte.at("/messages/1/content").asText()).isEmpty();
        assertThat(beforeFirstByte.at("/messages/1/error").asText()).isNotBlank();
    }

    @Test
    void noTitleOrMessageIsReadableInTheDatabase() throws Exception {
        String question = "planted-question-" + UUID.randomUUID();
        Api.Response answer = admin.post("/api/chat/" + agent, chat(null, true, question));
        String id = answer.header("Mosaic-Conversation");
        admin.patch(CONVERSATIONS + "/" + id, Map.of("title", "planted-title-" + id));
        assertThat(admin.get(CONVERSATIONS + "/" + id).json().at("/messages/1/content").asText()).isEqualTo("firstsecond");

        String dump = dataOfEveryTable();
        assertThat(dump).contains(id).doesNotContain(question).doesNotContain("planted-title-")
                .doesNotContain("firstsecond");
        assertThat(database.queryForObject("select content from chat_message where conversation_id = ?::uuid and position = 0",
                String.class, id)).startsWith("enc:v1:");
    }

    /** What {@code pg_dump} writes for the data: every table of the schema through {@code COPY … TO STDOUT}. */
    private String dataOfEveryTable() throws Exception {
        StringWriter dump = new StringWriter();
        try (Connection connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String table : database.queryForList(
                    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
                    String.class)) {
                copy.copyOut("copy \"" + table + "\" to stdout", dump);
            }
        }
        return dump.toString();
    }

    private HttpResponse<InputStream> stream(Map<String, Object> body) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/chat/" + agent))
                .header("Cookie", "SESSION=" + admin.cookie("SESSION") + "; XSRF-TOKEN=" + admin.csrfToken())
                .header("X-XSRF-TOKEN", admin.csrfToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofInputStream());
    }
}
