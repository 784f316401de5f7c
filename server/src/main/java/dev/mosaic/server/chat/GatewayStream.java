package dev.mosaic.server.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pipes a gateway's SSE body to the browser as the bytes arrive, written by the HTTP client's own thread
 * straight into the servlet's async response: no buffering, no hand-off to another thread, no second pass
 * through the filters (and so no second session lookup). Nothing is sent before the gateway's first byte, so a
 * gateway that fails before it still gets a proper error status (problem+json); a failure afterwards (an error,
 * silence, or a stream cut before its {@code data: [DONE]} event) ends the stream with an {@code event: error}.
 * The browser going away cancels the upstream request. A whole (not streamed) answer takes the same path but is
 * held until complete, so that any failure is a problem+json.
 */
final class GatewayStream implements Response.Listener, AsyncListener {
    private final AsyncContext async;
    private final HttpServletResponse response;
    private final ProblemWriter problems;
    private final ObjectMapper json;
    private final long firstByteMillis;
    private final long idleMillis;
    /** Null while streaming; the whole answer so far otherwise. */
    private final ByteArrayOutputStream whole;
    private final SseEventParser events = new SseEventParser(this::onEvent);
    /** Upstream delivery, the watchdog and the container's listener may race to write or end the response. */
    private final ReentrantLock writing = new ReentrantLock();
    private final ScheduledFuture<?> idleCheck;
    private volatile Request upstream;
    private volatile long lastActivity = System.currentTimeMillis();
    private volatile boolean received;
    private volatile boolean started;
    private volatile boolean done;
    private volatile boolean finished;
    private volatile Runnable onEnd = () -> {
    };

    GatewayStream(AsyncContext async, ProblemWriter problems, ObjectMapper json, ScheduledExecutorService watchdog,
                  long firstByteMillis, long idleMillis, boolean eventStream) {
        this.async = async;
        this.response = (HttpServletResponse) async.getResponse();
        this.problems = problems;
        this.json = json;
        this.firstByteMillis = firstByteMillis;
        this.idleMillis = idleMillis;
        this.whole = eventStream ? null : new ByteArrayOutputStream();
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

    /** The server is stopping: a 503 problem before the first byte, an error event after it, so the browser can ask again. */
    void shutDown() {
        failBeforeFirstByte(new GatewayFailureException(HttpStatus.SERVICE_UNAVAILABLE, OpenChats.SHUTTING_DOWN));
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

    @Override
    public void onContent(Response headers, ByteBuffer content) {
        lastActivity = System.currentTimeMillis();
        received = true;
        writing.lock();
        try {
            if (finished) {
                return;
            }
            if (!started && whole == null) {
                started = true;
                response.setStatus(200);
                response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Accel-Buffering", "no");
            }
            byte[] bytes = new byte[content.remaining()];
            content.get(bytes);
            if (whole != null) {
                whole.write(bytes);
                return;
            }
            events.feed(bytes, 0, bytes.length);
            OutputStream out = response.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException | IllegalStateException e) {
            end(); // the browser went away
        } finally {
            writing.unlock();
        }
    }

    private void onEvent(String type, String data) {
        if (type.equals("message") && data.equals("[DONE]")) {
            done = true;
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
            end();
        }
    }

    private void answerWhole() {
        writing.lock();
        try {
            if (!finished) {
                response.setStatus(200);
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setContentLength(whole.size());
                whole.writeTo(response.getOutputStream());
                response.flushBuffer();
            }
        } catch (IOException | IllegalStateException e) {
            // the browser went away
        } finally {
            end();
            writing.unlock();
        }
    }

    /** Skips a round while a write holds the lock (a browser slow to read): the one watchdog serves every chat. */
    private void checkIdle() {
        if (finished || System.currentTimeMillis() - lastActivity <= (received ? idleMillis : firstByteMillis)
                || !writing.tryLock()) {
            return;
        }
        try {
            if (started) {
                failMidStream("the agent's gateway went silent");
            } else {
                failBeforeFirstByte(GatewayFailureException.timeout());
            }
        } finally {
            writing.unlock();
        }
    }

    private void failBeforeFirstByte(GatewayFailureException failure) {
        writing.lock();
        try {
            if (finished) {
                return;
            }
            if (started) {
                failMidStream(failure.getMessage());
                return;
            }
            problems.write(response, ProblemWriter.problem(failure.status(), failure.getMessage()));
        } catch (IOException | IllegalStateException e) {
            // the browser went away
        } finally {
            end();
            writing.unlock();
        }
    }

    private void failMidStream(String message) {
        writing.lock();
        try {
            if (finished) {
                return;
            }
            ObjectNode error = json.createObjectNode();
            error.putObject("error").put("message", message).put("type", "gateway_error");
            OutputStream out = response.getOutputStream();
            out.write(("event: error\ndata: " + json.writeValueAsString(error) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | IllegalStateException e) {
            // the browser went away
        } finally {
            end();
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
            Request pending = upstream;
            if (pending != null) {
                pending.abort(new CancellationException("the chat ended")); // a no-op once the exchange completed
            }
            try {
                async.complete();
            } catch (IllegalStateException e) {
                // the container already ended it (the browser went away)
            }
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

    @Override
    public void onError(AsyncEvent event) {
        end();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
