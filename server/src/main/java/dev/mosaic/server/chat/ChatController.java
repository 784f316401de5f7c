package dev.mosaic.server.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.command.common.InvalidCommandException;
import dev.mosaic.query.agent.AgentsProjection;
import dev.mosaic.query.agentconfig.AgentGateways;
import dev.mosaic.query.agentconfig.AgentGateways.Gateway;
import dev.mosaic.query.common.Items;
import dev.mosaic.server.security.MosaicUser;
import jakarta.annotation.PreDestroy;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Chat with any active agent: the OpenAI chat body goes to the agent's gateway with the agent's token,
 * {@code "model": "openclaw"} and the Mosaic user as {@code user}; the answer comes back as it arrives.
 */
@RestController
@RequestMapping("/api/chat")
class ChatController {
    private final AgentsProjection agents;
    private final AgentGateways gateways;
    private final HttpClient http;
    private final ChatProperties properties;
    private final ObjectMapper json;
    private final OpenChats open;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chat-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    ChatController(AgentsProjection agents, AgentGateways gateways, HttpClient gatewayHttpClient,
                   ChatProperties properties, ObjectMapper json, OpenChats open) {
        this.agents = agents;
        this.gateways = gateways;
        this.http = gatewayHttpClient;
        this.properties = properties;
        this.json = json;
        this.open = open;
    }

    record ChatAgent(String name, String displayName, String role) {
    }

    @GetMapping("/agents")
    Items<ChatAgent> chatAgents() {
        return Items.of(agents.all().stream().filter(a -> a.active())
                .map(a -> new ChatAgent(a.name(), a.displayName(), a.role())).toList());
    }

    @PostMapping(value = "/{agent}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Object chat(@PathVariable String agent, @RequestBody JsonNode body, @AuthenticationPrincipal MosaicUser user)
            throws Exception {
        Gateway gateway = gateways.find(agent)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no active agent " + agent));
        ObjectNode request = validated(body);
        request.put("model", "openclaw");
        request.put("user", "mosaic:" + user.id());
        boolean stream = request.path("stream").asBoolean(false);
        HttpRequest upstream = HttpRequest.newBuilder(URI.create(gateway.url().replaceAll("/+$", "") + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + gateway.token())
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .timeout(properties.firstByteTimeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request)))
                .build();
        return stream ? streamed(upstream) : whole(upstream);
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

    private CompletableFuture<ResponseEntity<byte[]>> whole(HttpRequest upstream) {
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(upstream, HttpResponse.BodyHandlers.ofByteArray());
        CompletableFuture<ResponseEntity<byte[]>> result = answer.handle((response, error) -> {
            if (error != null) {
                throw failure(error);
            }
            requireSuccess(response.statusCode());
            return ResponseEntity.status(response.statusCode()).contentType(MediaType.APPLICATION_JSON)
                    .body(response.body());
        });
        Runnable ended = open.open(() -> {
            result.completeExceptionally(new GatewayFailureException(HttpStatus.SERVICE_UNAVAILABLE, OpenChats.SHUTTING_DOWN));
            answer.cancel(true);
        });
        result.whenComplete((response, error) -> ended.run());
        return result;
    }

    private ResponseEntity<?> streamed(HttpRequest upstream) throws InterruptedException {
        GatewayStream stream = new GatewayStream(watchdog, properties.idleTimeout().toMillis());
        CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> response =
                http.sendAsync(upstream, HttpResponse.BodyHandlers.ofPublisher());
        Runnable ended = open.open(() -> {
            response.completeExceptionally(new GatewayFailureException(HttpStatus.SERVICE_UNAVAILABLE, OpenChats.SHUTTING_DOWN));
            stream.shutDown();
        });
        stream.emitter().onCompletion(ended);
        try {
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> headers =
                    response.get(properties.firstByteTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (headers.statusCode() / 100 != 2) {
                headers.body().subscribe(DISCARD);
                requireSuccess(headers.statusCode());
            }
            headers.body().subscribe(stream);
            stream.firstChunk().get(properties.firstByteTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            ended.run();
            response.cancel(true);
            throw failure(e.getCause());
        } catch (TimeoutException e) {
            ended.run();
            response.cancel(true);
            stream.emitter().complete();
            throw new GatewayFailureException(HttpStatus.GATEWAY_TIMEOUT, "the agent's gateway did not answer in time");
        } catch (RuntimeException e) {
            ended.run();
            throw e;
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).cacheControl(CacheControl.noCache())
                .header("X-Accel-Buffering", "no").body(stream.emitter());
    }

    /** Drops the body of a failed answer without reading it. */
    private static final Flow.Subscriber<List<ByteBuffer>> DISCARD = new Flow.Subscriber<>() {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    };

    private static void requireSuccess(int status) {
        if (status == 401 || status == 403) {
            throw new GatewayFailureException(HttpStatus.BAD_GATEWAY,
                    "the agent's gateway refused its token (" + status + "); the agent may not have applied its config yet");
        }
        if (status / 100 != 2) {
            throw new GatewayFailureException(HttpStatus.BAD_GATEWAY, "the agent's gateway answered " + status);
        }
    }

    private static RuntimeException failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof GatewayFailureException failure) {
            return failure;
        }
        if (cause instanceof HttpTimeoutException) {
            return new GatewayFailureException(HttpStatus.GATEWAY_TIMEOUT, "the agent's gateway did not answer in time");
        }
        if (cause instanceof ConnectException) {
            return new GatewayFailureException(HttpStatus.BAD_GATEWAY, "the agent's gateway cannot be reached");
        }
        if (cause instanceof IOException) {
            return new GatewayFailureException(HttpStatus.BAD_GATEWAY, "the agent's gateway failed: " + cause.getMessage());
        }
        return new GatewayFailureException(HttpStatus.BAD_GATEWAY, "the agent's gateway failed");
    }

    @PreDestroy
    void close() {
        watchdog.shutdownNow();
    }
}
