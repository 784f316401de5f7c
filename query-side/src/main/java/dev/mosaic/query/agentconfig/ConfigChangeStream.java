package dev.mosaic.query.agentconfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.query.api.AgentConfig;
import dev.mosaic.query.api.AgentStreams;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The agents' change stream: per agent, its open SSE connections. Connections are asynchronous (no thread
 * is held per subscriber); events are written by a few sender threads, so a commit never waits on a socket.
 * A heartbeat comment every 15 s keeps proxies from closing idle streams and finds dead ones.
 */
@Component
class ConfigChangeStream implements AgentStreams {
    static final long HEARTBEAT_SECONDS = 15;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The data of a {@code config} event. */
    record Payload(long version, String etag) {
    }
    private static final Logger log = LoggerFactory.getLogger(ConfigChangeStream.class);

    private final Map<String, Set<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    private static final int SENDERS = 4;
    private final ExecutorService[] senders = new ExecutorService[SENDERS];
    private volatile boolean closing;
    private final LongAdder notificationsSent = new LongAdder();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("config-heartbeat"));

    ConfigChangeStream(@Value("${mosaic.agent-stream.heartbeat-seconds:" + HEARTBEAT_SECONDS + "}") long heartbeatSeconds) {
        for (int i = 0; i < SENDERS; i++) {
            senders[i] = Executors.newSingleThreadExecutor(daemon("config-stream-" + i));
        }
        heartbeat.scheduleAtFixedRate(this::beat, heartbeatSeconds, heartbeatSeconds, TimeUnit.SECONDS);
    }

    /** One agent's events always go through the same thread, so they arrive in version order. */
    private ExecutorService senderFor(String agentName) {
        return senders[Math.floorMod(agentName.hashCode(), SENDERS)];
    }

    /**
     * Opens a stream that starts with the agent's current version. That first event is written by the request
     * thread itself (the emitter buffers it until the response starts), so no other thread touches the
     * response while the request is still being dispatched.
     */
    SseEmitter subscribe(AgentConfig current) {
        SseEmitter emitter = new SseEmitter(0L);
        Set<SseEmitter> mine = subscribers.computeIfAbsent(current.name(), n -> ConcurrentHashMap.newKeySet());
        emitter.onCompletion(() -> mine.remove(emitter));
        emitter.onTimeout(() -> mine.remove(emitter));
        emitter.onError(e -> mine.remove(emitter));
        send(emitter, current);
        mine.add(emitter);
        if (closing) {
            emitter.complete();
        }
        return emitter;
    }

    /** Whether the agent has at least one open stream on this node. */
    public boolean connected(String agentName) {
        Set<SseEmitter> mine = subscribers.get(agentName);
        return mine != null && !mine.isEmpty();
    }

    /** Open streams on this node, all agents together. */
    public int subscriberCount() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }

    /** Names of the agents with at least one open stream on this node. */
    public Collection<String> connectedAgents() {
        return subscribers.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** Change events written to agents' streams since start (not the first event of each connection). */
    public long notificationsSent() {
        return notificationsSent.sum();
    }

    void publish(AgentConfig config) {
        Set<SseEmitter> mine = subscribers.get(config.name());
        if (mine != null && !mine.isEmpty()) {
            senderFor(config.name()).execute(() -> mine.forEach(emitter -> {
                if (send(emitter, config)) {
                    notificationsSent.increment();
                }
            }));
        }
    }

    /** Ends every stream of the agent: its token no longer opens them. */
    void disconnect(String agentName) {
        Set<SseEmitter> mine = subscribers.remove(agentName);
        if (mine != null) {
            senderFor(agentName).execute(() -> mine.forEach(SseEmitter::complete));
        }
    }

    private boolean send(SseEmitter emitter, AgentConfig config) {
        try {
            emitter.send(SseEmitter.event().name("config").id(Long.toString(config.version()))
                    .data(JSON.writeValueAsString(new Payload(config.version(), config.etag()))));
            return true;
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
            return false;
        }
    }

    private void beat() {
        subscribers.forEach((agentName, set) -> senderFor(agentName).execute(() -> set.forEach(emitter -> {
            try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException e) {
                emitter.completeWithError(e);
            }
        })));
    }

    /**
     * SIGTERM: ends every stream before the web server's graceful shutdown would wait on them (they never end by
     * themselves); agents reconnect, to another node if there is one.
     */
    @EventListener(ContextClosedEvent.class)
    void endStreams() {
        closing = true;
        subscribers.forEach((agentName, set) -> senderFor(agentName).execute(() -> set.forEach(SseEmitter::complete)));
    }

    @PreDestroy
    void close() {
        heartbeat.shutdownNow();
        subscribers.values().forEach(set -> set.forEach(SseEmitter::complete));
        for (ExecutorService sender : senders) {
            sender.shutdown();
        }
        log.debug("config stream closed");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
