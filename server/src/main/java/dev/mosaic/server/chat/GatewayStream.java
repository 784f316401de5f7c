package dev.mosaic.server.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.server.conversation.AnswerTranscript;
import dev.mosaic.server.web.ProblemWriter;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.io.Content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pipes a gateway's SSE body to the browser as the bytes arrive, written by the HTTP client's own thread
 * straight into the servlet's async response: no hand-off to another thread, no second pass through the
 * filters (and so no second session lookup). Every write is non-blocking ({@link BrowserOutput}) and the
 * gateway is asked for its next chunk only once the browser has taken the last one: a browser that stops reading
 * pauses its gateway and holds no thread. Nothing is sent before the gateway's first byte, so a gateway that
 * fails before it still gets a proper error status (problem+json); a failure afterwards (an error, silence, or a
 * stream cut before its {@code data: [DONE]} event) ends the stream with an {@code event: error}. The browser
 * going away, or not reading for as long as the gateway may stay silent, cancels the upstream request. A whole
 * (not streamed) answer takes the same path but is held until complete, so that any failure is a problem+json.
 */
final class GatewayStream implements Response.Listener, AsyncListener {
    /**
     * A first chunk up to this size goes out with the headers at once, on the client's thread, before the response
     * turns non-blocking: an untouched connection's send buffer (16 KB at least on Linux) takes it whatever the
     * browser does, while setting the write listener first would make it wait for the request's thread to return.
     */
    private static final int FIRST_WRITE_AT_ONCE = 4096;
    private final AsyncContext async;
    private final HttpServletResponse response;
    private final ProblemWriter problems;
    private final ObjectMapper json;
    private final long firstByteMillis;
    private final long idleMillis;
    /** Null while streaming; the whole answer so far otherwise. */
    private final ByteArrayOutputStream whole;
    private final SseEventParser events = new SseEventParser(this::onEvent);
    /** What arrived and how it ended, for the conversation's history (put together off this path). */
    private final AnswerTranscript transcript;
    /** Upstream delivery, the watchdog and the container's listeners may race to write or end the response. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Null until the first write that goes through it: the response is non-blocking from then on. */
    private BrowserOutput browser;
    private final ScheduledExecutorService watchdog;
    private final ScheduledFuture<?> idleCheck;
    private volatile Request upstream;
    /** When the gateway last sent bytes, or was last asked for more. */
    private volatile long lastActivity = System.currentTimeMillis();
    private volatile boolean received;
    /** The event stream has begun: its status and headers are set. */
    private volatile boolean started;
    /** A whole answer or a problem is on its way: nothing else is written. */
    private volatile boolean answered;
    private volatile boolean errorSent;
    private volatile boolean done;
    private volatile boolean finished;
    private volatile Runnable onEnd = () -> {
    };

    GatewayStream(AsyncContext async, ProblemWriter problems, ObjectMapper json, ScheduledExecutorService watchdog,
                  long firstByteMillis, long idleMillis, boolean eventStream, AnswerTranscript transcript) {
        this.transcript = transcript;
        this.async = async;
        this.response = (HttpServletResponse) async.getResponse();
        this.problems = problems;
        this.json = json;
        this.firstByteMillis = firstByteMillis;
        this.idleMillis = idleMillis;
        this.whole = eventStream ? null : new ByteArrayOutputStream();
        this.watchdog = watchdog;
        async.setTimeout(0); // the watchdog below measures silence instead
        async.addListener(this);
        long period = Math.max(100, Math.min(firstByteMillis, idleMillis) / 4);
        idleCheck = watchdog.scheduleAtFixedRate(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** Runs once when the answer has ended, whichever way. */
    void onEnd(Runnable action) {
        onEnd = action;
        if (finished) {
            action.run();
        }
    }

    /**
     * The server is stopping: a 503 problem before the first byte, an error event after it, so the browser can ask
     * again; a browser that does not take it within a second is not waited for.
     */
    void shutDown() {
        failBeforeFirstByte(new GatewayFailureException(HttpStatus.SERVICE_UNAVAILABLE, OpenChats.SHUTTING_DOWN));
        if (!finished) {
            try {
                watchdog.schedule(this::end, 1, TimeUnit.SECONDS);
            } catch (RejectedExecutionException e) { // the watchdog has stopped already
                end();
            }
        }
    }

    /** Sends the request to the gateway and follows its answer: its status decides between streaming it and a problem. */
    void follow(Request request) {
        upstream = request;
        if (!finished) { // else end() has run (the server is closing, the browser left) and sends nothing upstream
            request.send(this);
        }
    }

    @Override
    public void onHeaders(Response headers) {
        GatewayFailureException refused = GatewayFailureException.forStatus(headers.getStatus());
        if (refused != null) {
            failBeforeFirstByte(refused);
            headers.abort(refused);
        }
    }

    /**
     * Jetty releases the chunk when this returns (AsyncContentListener.onContentSource), so its bytes are copied;
     * {@code demander} asks the gateway for the next chunk, and runs only once the browser has taken this one.
     */
    @Override
    public void onContent(Response headers, Content.Chunk chunk, Runnable demander) {
        lastActivity = System.currentTimeMillis();
        received = true;
        ByteBuffer content = chunk.getByteBuffer();
        byte[] bytes = new byte[content.remaining()];
        content.get(bytes);
        writing.lock();
        try {
            if (finished) {
                return; // the exchange is aborted: nothing more is asked for
            }
            if (whole != null) {
                whole.write(bytes, 0, bytes.length);
            } else {
                boolean first = !started;
                if (first) {
                    started = true;
                    response.setStatus(200);
                    response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
                    response.setHeader("Cache-Control", "no-cache");
                    response.setHeader("X-Accel-Buffering", "no");
                }
                events.feed(bytes, 0, bytes.length);
                if (first && bytes.length <= FIRST_WRITE_AT_ONCE) { // the writer is set up when next needed
                    response.getOutputStream().write(bytes);
                    response.getOutputStream().flush();
                } else {
                    // queued under the lock, so that an error event can never overtake the bytes before it
                    browser().send(bytes, () -> demand(demander));
                    return;
                }
            }
        } catch (IOException | IllegalStateException e) {
            end(); // the browser went away
            return;
        } finally {
            writing.unlock();
        }
        demander.run();
    }

    /** The response's writer, set up (non-blocking from then on) at its first use; under the lock. */
    private BrowserOutput browser() throws IOException {
        if (browser == null) {
            browser = new BrowserOutput(response.getOutputStream(), this::end);
        }
        return browser;
    }

    /** The gateway's silence counts from when it is asked for more, not from a browser slow to take the last chunk. */
    private void demand(Runnable demander) {
        lastActivity = System.currentTimeMillis();
        demander.run();
    }

    private void onEvent(String type, String data) {
        if (type.equals("message") && data.equals("[DONE]")) {
            done = true;
        } else if (type.equals("message")) {
            transcript.event(data);
        }
    }

    @Override
    public void onComplete(Result result) {
        if (result.isFailed()) {
            if (!started) {
                failBeforeFirstByte(GatewayFailureException.from(result.getFailure()));
            } else {
                failMidStream("the agent's gateway failed mid-answer: " + result.getFailure().getClass().getSimpleName());
            }
        } else if (whole != null) {
            answerWhole();
        } else if (!started) {
            failBeforeFirstByte(new GatewayFailureException(HttpStatus.BAD_GATEWAY,
                    "the agent's gateway ended the answer before its first byte"));
        } else if (!done) {
            failMidStream("the agent's gateway ended the answer early");
        } else {
            transcript.completed();
            afterQueued();
        }
    }

    private void afterQueued() {
        writing.lock();
        try {
            if (browser == null) {
                end(); // all of it went out with the first write
            } else {
                browser.afterQueued(this::end);
            }
        } finally {
            writing.unlock();
        }
    }

    private void answerWhole() {
        writing.lock();
        try {
            if (finished || answered) {
                return;
            }
            answered = true;
            transcript.whole(whole.toString(StandardCharsets.UTF_8));
            transcript.completed();
            response.setStatus(200);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(whole.size());
            browser().send(whole.toByteArray(), this::end);
        } catch (IOException | IllegalStateException e) {
            end(); // the browser went away
        } finally {
            writing.unlock();
        }
    }

    /** The one watchdog serves every chat: nothing here waits on a browser or a gateway. */
    private void checkIdle() {
        if (finished) {
            return;
        }
        long now = System.currentTimeMillis();
        writing.lock();
        try {
            if (finished) {
                return;
            }
            long stalled = browser == null ? 0 : browser.stalledMillis(now);
            if (stalled > idleMillis) {
                end(); // the browser stopped reading: nobody would read an error event either
            } else if (stalled == 0 && now - lastActivity > (received ? idleMillis : firstByteMillis)) {
                if (started) {
                    failMidStream("the agent's gateway went silent");
                } else {
                    failBeforeFirstByte(GatewayFailureException.timeout());
                }
            }
        } finally {
            writing.unlock();
        }
    }

    private void failBeforeFirstByte(GatewayFailureException failure) {
        writing.lock();
        try {
            if (finished || answered) {
                return;
            }
            if (started) {
                failMidStream(failure.getMessage());
                return;
            }
            answered = true;
            transcript.failed(failure.getMessage());
            // nothing was written yet, so the response is still blocking: the problem goes out at once, as the first
            // stream chunk would (a few hundred bytes into an untouched connection), committing its status now
            problems.write(response, ProblemWriter.problem(failure.status(), failure.getMessage()));
            end();
        } catch (IOException | IllegalStateException e) {
            end(); // the browser went away
        } finally {
            writing.unlock();
        }
    }

    private void failMidStream(String message) {
        writing.lock();
        try {
            if (finished || errorSent) {
                return;
            }
            errorSent = true;
            transcript.failed(message);
            ObjectNode error = json.createObjectNode();
            error.putObject("error").put("message", message).put("type", "gateway_error");
            browser().send(("event: error\ndata: " + json.writeValueAsString(error) + "\n\n").getBytes(StandardCharsets.UTF_8),
                    this::end);
        } catch (IOException | IllegalStateException e) {
            end();
        } finally {
            writing.unlock();
        }
    }

    /** Ends both sides once: the upstream request is cancelled (a no-op when it completed) and the response completes. */
    private void end() {
        writing.lock();
        try {
            if (finished) {
                return;
            }
            finished = true;
            idleCheck.cancel(false);
            if (browser != null) {
                browser.close();
            }
            Request pending = upstream;
            if (pending != null) {
                pending.abort(new CancellationException("the chat ended")); // a no-op once the exchange completed
            }
            complete();
            onEnd.run();
        } finally {
            writing.unlock();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        end();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        end();
    }

    /**
     * After a failed non-blocking write the container calls the write listener's onError, which ends the chat, then
     * puts the request in error and asks this listener: completing again here is what spares it the error page.
     */
    @Override
    public void onError(AsyncEvent event) {
        end();
        complete();
    }

    private void complete() {
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // the container already ended it (the browser went away)
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
