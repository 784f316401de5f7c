package dev.mosaic.server.agentconfig;

import com.launchdarkly.eventsource.CommentEvent;
import com.launchdarkly.eventsource.ErrorStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.HttpConnectStrategy;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.StreamEvent;
import com.launchdarkly.eventsource.StreamException;
import com.launchdarkly.eventsource.StreamHttpErrorException;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads an agent's change stream into a queue of events with LaunchDarkly's SSE client, told never to
 * reconnect: the end of the stream is the {@link #CLOSED} event.
 */
final class SseClient implements AutoCloseable {
    record Event(String name, String id, String data) {
    }

    static final Event CLOSED = new Event("closed", null, null);

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final EventSource source;
    private final int status;

    SseClient(int port, String agent, String token, String lastEventId) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/internal/agent-config/" + agent + "/events");
        EventSource.Builder builder = new EventSource.Builder(HttpConnectStrategy.http(uri)
                .header("Authorization", "Bearer " + token)
                .readTimeout(0, TimeUnit.MILLISECONDS))
                .errorStrategy(ErrorStrategy.alwaysThrow());
        if (lastEventId != null) {
            builder.lastEventId(lastEventId);
        }
        source = builder.build();
        int code = 200;
        try {
            source.start();
        } catch (StreamHttpErrorException e) {
            code = e.getCode();
        } catch (StreamException e) {
            throw new IllegalStateException("cannot open the change stream of " + agent, e);
        }
        status = code;
        if (status == 200) {
            Thread reader = new Thread(this::read, "sse-" + agent);
            reader.setDaemon(true);
            reader.start();
        } else {
            events.add(CLOSED);
        }
    }

    int status() {
        return status;
    }

    /** The next event that is not a comment (heartbeat), or null after the timeout. */
    Event next(long seconds) throws InterruptedException {
        return nextWhere(seconds, false);
    }

    /** The next comment line, or null after the timeout. */
    Event nextComment(long seconds) throws InterruptedException {
        return nextWhere(seconds, true);
    }

    private Event nextWhere(long seconds, boolean comment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (Event event; (event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
            if ("comment".equals(event.name()) == comment) {
                return event;
            }
        }
        return null;
    }

    private void read() {
        try {
            for (;;) {
                StreamEvent event = source.readAnyEvent();
                if (event instanceof MessageEvent message) {
                    events.add(new Event(message.getEventName(), message.getLastEventId(), message.getData()));
                } else if (event instanceof CommentEvent comment) {
                    events.add(new Event("comment", null, comment.getText().trim()));
                } else if (!(event instanceof com.launchdarkly.eventsource.StartedEvent)) {
                    break; // a FaultEvent: the stream ended
                }
            }
        } catch (StreamException ignored) {
            // the stream ended or was closed
        }
        events.add(CLOSED);
    }

    @Override
    public void close() {
        source.close();
    }
}
