package dev.mosaic.server.chat;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pipes a gateway's SSE body to the browser as the bytes arrive (no buffering, no re-parsing). The first
 * chunk is awaited before the response starts, so a gateway that fails before its first byte still gets a
 * proper error status; a failure afterwards (an error, silence, or a stream cut before {@code data: [DONE]})
 * ends the stream with an {@code event: error}. The browser going away cancels the upstream request.
 */
final class GatewayStream implements Flow.Subscriber<List<ByteBuffer>> {
    private final ResponseBodyEmitter emitter = new ResponseBodyEmitter(0L);
    private final CompletableFuture<Void> firstChunk = new CompletableFuture<>();
    private final ScheduledExecutorService watchdog;
    private final long idleMillis;
    private volatile Flow.Subscription subscription;
    private volatile long lastActivity = System.currentTimeMillis();
    private volatile ScheduledFuture<?> idleCheck;
    private volatile boolean finished;
    /** The last bytes seen, to tell a complete OpenAI stream (ends with "data: [DONE]") from a cut one. */
    private volatile String tail = "";

    GatewayStream(ScheduledExecutorService watchdog, long idleMillis) {
        this.watchdog = watchdog;
        this.idleMillis = idleMillis;
        emitter.onCompletion(this::cancelUpstream);
        emitter.onError(e -> cancelUpstream());
        emitter.onTimeout(this::cancelUpstream);
    }

    ResponseBodyEmitter emitter() {
        return emitter;
    }

    CompletableFuture<Void> firstChunk() {
        return firstChunk;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        idleCheck = watchdog.scheduleAtFixedRate(this::checkIdle, idleMillis, Math.max(100, idleMillis / 4),
                TimeUnit.MILLISECONDS);
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        lastActivity = System.currentTimeMillis();
        int size = buffers.stream().mapToInt(ByteBuffer::remaining).sum();
        if (size == 0) {
            return;
        }
        byte[] bytes = new byte[size];
        int at = 0;
        for (ByteBuffer buffer : buffers) {
            int n = buffer.remaining();
            buffer.get(bytes, at, n);
            at += n;
        }
        String text = tail + new String(bytes, StandardCharsets.ISO_8859_1);
        tail = text.substring(Math.max(0, text.length() - 32));
        try {
            emitter.send(bytes, MediaType.TEXT_EVENT_STREAM);
            firstChunk.complete(null);
        } catch (IOException | IllegalStateException e) {
            cancelUpstream();
        }
    }

    @Override
    public void onError(Throwable error) {
        if (!firstChunk.isDone()) {
            firstChunk.completeExceptionally(error);
            stopWatchdog();
            return;
        }
        fail("the agent's gateway failed mid-answer: " + error.getClass().getSimpleName());
    }

    @Override
    public void onComplete() {
        if (!firstChunk.isDone()) {
            firstChunk.completeExceptionally(new java.io.IOException("the gateway ended the answer before its first byte"));
            stopWatchdog();
            return;
        }
        if (!tail.contains("[DONE]")) {
            fail("the agent's gateway ended the answer early");
            return;
        }
        stopWatchdog();
        finished = true;
        emitter.complete();
    }

    /** The server is stopping: the answer ends now (with an error event once it has started) so the browser can ask again. */
    void shutDown() {
        cancelUpstream();
        if (!firstChunk.isDone()) {
            firstChunk.completeExceptionally(new GatewayFailureException(HttpStatus.SERVICE_UNAVAILABLE, OpenChats.SHUTTING_DOWN));
        } else {
            fail(OpenChats.SHUTTING_DOWN);
        }
    }

    private void checkIdle() {
        if (!finished && System.currentTimeMillis() - lastActivity > idleMillis) {
            cancelUpstream();
            if (!firstChunk.isDone()) {
                firstChunk.completeExceptionally(new java.net.http.HttpTimeoutException("no first byte in time"));
            } else {
                fail("the agent's gateway went silent");
            }
        }
    }

    private void fail(String message) {
        stopWatchdog();
        finished = true;
        try {
            String json = "{\"error\":{\"message\":\"" + message.replace("\"", "'") + "\",\"type\":\"gateway_error\"}}";
            emitter.send(("event: error\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8),
                    MediaType.TEXT_EVENT_STREAM);
            emitter.complete();
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
    }

    private void cancelUpstream() {
        finished = true;
        stopWatchdog();
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    private void stopWatchdog() {
        ScheduledFuture<?> check = idleCheck;
        if (check != null) {
            check.cancel(false);
        }
    }
}
