package dev.mosaic.server.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.command.api.InvalidCommandException;
import dev.mosaic.query.api.AgentGateways.Gateway;
import dev.mosaic.query.api.AgentGateways;
import dev.mosaic.query.api.Agents;
import dev.mosaic.query.api.Items;
import dev.mosaic.server.conversation.AnswerTranscript;
import dev.mosaic.server.conversation.ChatArchive;
import dev.mosaic.server.conversation.ChatTurn;
import dev.mosaic.server.conversation.ConversationOwner;
import dev.mosaic.server.conversation.Conversations;
import dev.mosaic.server.security.MosaicUser;
import dev.mosaic.server.web.ProblemWriter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.PreDestroy;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Chat with any active agent: the OpenAI chat body goes to the agent's gateway with the agent's token,
 * {@code "model": "openclaw"} and the Mosaic user as {@code user}; the answer comes back as it arrives. The
 * person's last message and the answer, however it ends, are kept in their conversation (a new one unless the body
 * names one in {@code conversationId}; its id is in the {@value #CONVERSATION_HEADER} header), stored off the
 * streaming path by the {@link ChatArchive}.
 */
@RestController
@RequestMapping("/api/chat")
class ChatController {
    static final String CONVERSATION_HEADER = "Mosaic-Conversation";
    private static final Duration WATCHDOG_FIRST = Duration.ofSeconds(5);
    private final Agents agents;
    private final AgentGateways gateways;
    private final HttpClient http;
    private final ChatProperties properties;
    private final ObjectMapper json;
    private final ProblemWriter problems;
    private final OpenChats open;
    private final Conversations conversations;
    private final ChatArchive archive;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chat-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    ChatController(Agents agents, AgentGateways gateways, HttpClient gatewayHttpClient,
                   ChatProperties properties, ObjectMapper json, ProblemWriter problems, OpenChats open,
                   Conversations conversations, ChatArchive archive) {
        this.conversations = conversations;
        this.archive = archive;
        this.agents = agents;
        this.gateways = gateways;
        this.http = gatewayHttpClient;
        this.properties = properties;
        this.json = json;
        this.problems = problems;
        this.open = open;
    }

    record ChatAgent(String name, String displayName, String role) {
    }

    @GetMapping("/agents")
    Items<ChatAgent> chatAgents() {
        return Items.of(agents.all().stream().filter(a -> a.active())
                .map(a -> new ChatAgent(a.name(), a.displayName(), a.role())).toList());
    }

    /** The answer is written without blocking, as it arrives and as the browser takes it (see {@link GatewayStream}); null tells Spring so. */
    @PostMapping(value = "/{agent}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Void chat(@PathVariable String agent,
              @io.swagger.v3.oas.annotations.parameters.RequestBody(
                      content = @Content(schema = @Schema(implementation = ChatRequest.class))) @RequestBody JsonNode body,
              @AuthenticationPrincipal MosaicUser user,
              HttpServletRequest servletRequest, HttpServletResponse servletResponse) throws Exception {
        Gateway gateway = gateways.find(agent)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no active agent " + agent));
        ObjectNode request = validated(body);
        ChatTurn turn = turn(request, agent, ConversationOwner.of(user));
        request.remove("conversationId");
        request.put("model", "openclaw");
        request.put("user", "mosaic:" + user.id());
        boolean stream = request.path("stream").asBoolean(false);
        Request upstream = http.newRequest(URI.create(gateway.url().replaceAll("/+$", "") + "/v1/chat/completions"))
                .method(HttpMethod.POST)
                .headers(headers -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + gateway.token())
                        .put(HttpHeader.ACCEPT, stream ? "text/event-stream" : "application/json"))
                .body(new BytesRequestContent("application/json", json.writeValueAsBytes(request)))
                // the watchdog in GatewayStream enforces the chat's timeouts; Jetty's own (30 s) must not come first
                .idleTimeout(Math.max(properties.firstByteTimeout().toMillis(), properties.idleTimeout().toMillis())
                        + WATCHDOG_FIRST.toMillis(), TimeUnit.MILLISECONDS);
        open.refuseWhenClosing();
        servletResponse.setHeader(CONVERSATION_HEADER, turn.conversation().toString());
        archive.question(turn);
        AnswerTranscript transcript = new AnswerTranscript();
        // The container's own request and response: writes bypass the filters' wrappers, whose work is done.
        GatewayStream answer = new GatewayStream(servletRequest.startAsync(), problems, json, watchdog,
                properties.firstByteTimeout().toMillis(), properties.idleTimeout().toMillis(), stream, transcript);
        Runnable unregister = open.register(answer::shutDown);
        answer.onEnd(() -> {
            unregister.run();
            archive.answer(turn, transcript);
        });
        answer.follow(upstream);
        return null;
    }

    /** The conversation this message belongs to: the one named (the caller's own, with this agent) or a new one. */
    private ChatTurn turn(ObjectNode request, String agent, ConversationOwner owner) {
        JsonNode last = request.get("messages").get(request.get("messages").size() - 1);
        JsonNode content = last.path("content");
        String text = content.isTextual() ? content.asText() : content.isMissingNode() ? "" : content.toString();
        JsonNode named = request.get("conversationId");
        if (named == null || named.isNull()) {
            return new ChatTurn(UUID.randomUUID(), owner, agent, true, last.get("role").asText(), text, Instant.now());
        }
        UUID id = conversationId(named);
        String held = conversations.agentOf(owner, id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no conversation " + id));
        if (!held.equals(agent)) {
            throw InvalidCommandException.of("conversationId", "is a conversation with the agent " + held);
        }
        return new ChatTurn(id, owner, agent, false, last.get("role").asText(), text, Instant.now());
    }

    private static UUID conversationId(JsonNode named) {
        try {
            if (named.isTextual()) {
                return UUID.fromString(named.asText());
            }
        } catch (IllegalArgumentException e) {
            // falls through to the problem below
        }
        throw InvalidCommandException.of("conversationId", "must be the id of one of your conversations");
    }

    private ObjectNode validated(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw InvalidCommandException.of("body", "must be a JSON object");
        }
        JsonNode messages = object.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw InvalidCommandException.of("messages", "must be a non-empty array");
        }
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).isObject() || !messages.get(i).path("role").isTextual()) {
                throw InvalidCommandException.of("messages[" + i + "]", "needs a role and content");
            }
        }
        if (object.has("stream") && !object.get("stream").isBoolean()) {
            throw InvalidCommandException.of("stream", "must be true or false");
        }
        return object.deepCopy();
    }

    @PreDestroy
    void close() {
        watchdog.shutdownNow();
    }
}
