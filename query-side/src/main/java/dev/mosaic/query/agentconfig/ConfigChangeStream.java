package dev.mosaic.query.agentconfig;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agents' change stream: per agent, its open SSE connections. Connections are asynchronous (no thread
 * is held per subscriber); events are written by one sender thread, so a commit never waits on a socket.
 * A heartbeat comment every 15 s keeps proxies from closing idle streams and finds dead ones.
 */
@Component
public class ConfigChangeStream {
    static final long HEARTBEAT_SECONDS = 15;
    private static final Logger log = LoggerFactory.getLogger(ConfigChangeStream.class);

    private final Map<String, Set<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(daemon("config-stream"));
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("config-heartbeat"));

    ConfigChangeStream() {
        heartbeat.scheduleAtFixedRate(() -> sender.execute(this::beat), HEARTBEAT_SECONDS, HEARTBEAT_SECONDS,
                TimeUnit.SECONDS);
    }

    /** Opens a stream that starts with the agent's current version. */
    SseEmitter subscribe(AgentConfig current) {
        SseEmitter emitter = new SseEmitter(0L);
        Set<SseEmitter> mine = subscribers.computeIfAbsent(current.name(), n -> ConcurrentHashMap.newKeySet());
        emitter.onCompletion(() -> mine.remove(emitter));
        emitter.onTimeout(() -> mine.remove(emitter));
        emitter.onError(e -> mine.remove(emitter));
        mine.add(emitter);
        sender.execute(() -> send(emitter, current));
        return emitter;
    }

    public boolean connected(String agentName) {
        Set<SseEmitter> mine = subscribers.get(agentName);
        return mine != null && !mine.isEmpty();
    }

    public int subscriberCount() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }

    void publish(AgentConfig config) {
        Set<SseEmitter> mine = subscribers.get(config.name());
        if (mine != null && !mine.isEmpty()) {
            sender.execute(() -> mine.forEach(emitter -> send(emitter, config)));
        }
    }

    /** Ends every stream of the agent: its token no longer opens them. */
    void disconnect(String agentName) {
        Set<SseEmitter> mine = subscribers.remove(agentName);
        if (mine != null) {
            sender.execute(() -> mine.forEach(SseEmitter::complete));
        }
    }

    private void send(SseEmitter emitter, AgentConfig config) {
        try {
            emitter.send(SseEmitter.event().name("config").id(Long.toString(config.version()))
                    .data("{\"version\":" + config.version() + ",\"etag\":\"" + config.etag() + "\"}"));
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
    }

    private void beat() {
        subscribers.values().forEach(set -> set.forEach(emitter -> {
            try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException e) {
                emitter.completeWithError(e);
            }
        }));
    }

    @PreDestroy
    void close() {
        heartbeat.shutdownNow();
        subscribers.values().forEach(set -> set.forEach(SseEmitter::complete));
        sender.shutdown();
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
