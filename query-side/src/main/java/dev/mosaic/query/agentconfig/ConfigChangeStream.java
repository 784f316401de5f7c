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
import org.springframework.http.HttpHeaders;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * The agents' change stream: per agent, its open SSE connections, answered below Spring MVC (an open stream is
 * a servlet async context and one {@link OpenStream}: a few KB, see ops/CAPACITY.md). Connections hold no thread;
 * a few sender threads write the events, without blocking (a slow agent keeps only its newest event waiting), so
 * a commit never waits on a socket. A heartbeat comment every 15 s keeps proxies from closing idle streams and
 * finds dead ones.
 */
@Component
class ConfigChangeStream implements AgentStreams {
    static final long HEARTBEAT_SECONDS = 15;
    static final String CONTENT_TYPE = "text/event-stream";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] HEARTBEAT = ":heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

    /** The data of a {@code config} event. */
    record Payload(long version, String etag) {
    }
    private static final Logger log = LoggerFactory.getLogger(ConfigChangeStream.class);

    private final Map<String, Set<OpenStream>> subscribers = new ConcurrentHashMap<>();
    private static final int SENDERS = 2;
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

    /** One agent's events always go through the same thread, so they are queued in version order. */
    private ExecutorService senderFor(String agentName) {
        return senders[Math.floorMod(agentName.hashCode(), SENDERS)];
    }

    /**
     * Answers the request with a stream that starts with the agent's current version (written by the request
     * thread itself, before any other thread can reach the stream).
     */
    void open(HttpServletRequest request, HttpServletResponse response, AgentConfig current) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(CONTENT_TYPE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(0);
        Set<OpenStream> mine = subscribers.computeIfAbsent(current.name(), n -> ConcurrentHashMap.newKeySet());
        ServletOutputStream out = response.getOutputStream();
        OpenStream[] self = new OpenStream[1];
        OpenStream stream = new OpenStream(async, out, () -> mine.remove(self[0]));
        self[0] = stream;
        async.addListener(stream);
        out.setWriteListener(stream);
        mine.add(stream);
        stream.event(current.version(), frame(current));
        if (closing) {
            stream.end();
        }
    }

    /** Whether the agent has at least one open stream on this node. */
    public boolean connected(String agentName) {
        Set<OpenStream> mine = subscribers.get(agentName);
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
        Set<OpenStream> mine = subscribers.get(config.name());
        if (mine != null && !mine.isEmpty()) {
            byte[] frame = frame(config);
            senderFor(config.name()).execute(() -> mine.forEach(stream -> {
                stream.event(config.version(), frame);
                notificationsSent.increment();
            }));
        }
    }

    /** Ends every stream of the agent: its token no longer opens them. */
    void disconnect(String agentName) {
        Set<OpenStream> mine = subscribers.remove(agentName);
        if (mine != null) {
            senderFor(agentName).execute(() -> mine.forEach(OpenStream::end));
        }
    }

    /** {@code event: config}, the version as its id, and {"version":…,"etag":…} as its data. */
    static byte[] frame(AgentConfig config) {
        try {
            return ("event:config\nid:" + config.version() + "\ndata:"
                    + JSON.writeValueAsString(new Payload(config.version(), config.etag())) + "\n\n").getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void beat() {
        subscribers.forEach((agentName, set) -> senderFor(agentName).execute(() -> set.forEach(s -> s.heartbeat(HEARTBEAT))));
    }

    /**
     * SIGTERM: ends every stream before the web server's graceful shutdown would wait on them (they never end by
     * themselves); agents reconnect, to another node if there is one.
     */
    @EventListener(ContextClosedEvent.class)
    void endStreams() {
        closing = true;
        subscribers.forEach((agentName, set) -> senderFor(agentName).execute(() -> set.forEach(OpenStream::end)));
    }

    @PreDestroy
    void close() {
        heartbeat.shutdownNow();
        subscribers.values().forEach(set -> set.forEach(OpenStream::end));
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
