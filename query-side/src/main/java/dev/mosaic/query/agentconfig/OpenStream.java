package dev.mosaic.query.agentconfig;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import java.io.IOException;

/**
 * One agent's open change stream, written without blocking: a frame is written when the connection can take it,
 * otherwise it waits as the one pending frame (a newer config event replaces an older one: the agent only needs
 * the current version; a heartbeat never replaces an event) and is written when the server says the connection is
 * writable again. So no sender thread ever waits on a slow or dead agent, and an agent's backlog is one frame.
 */
final class OpenStream implements WriteListener, AsyncListener {
    private final AsyncContext async;
    private final ServletOutputStream out;
    private final Runnable onClose;
    private byte[] pending;
    private boolean pendingIsEvent;
    private boolean unflushed;
    private boolean closed;
    private long version;

    OpenStream(AsyncContext async, ServletOutputStream out, Runnable onClose) {
        this.async = async;
        this.out = out;
        this.onClose = onClose;
    }

    /**
     * Queues a config event (replacing an older one not yet written) and writes what the connection takes now; a
     * version older than one already queued is dropped (the first event and a change may race).
     */
    synchronized void event(long eventVersion, byte[] frame) {
        if (eventVersion <= version) {
            return;
        }
        version = eventVersion;
        pending = frame;
        pendingIsEvent = true;
        drain();
    }

    /** Queues a heartbeat unless something is waiting already (which then serves as the sign of life). */
    synchronized void heartbeat(byte[] frame) {
        if (pending == null) {
            pending = frame;
            pendingIsEvent = false;
        }
        drain();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Ends the response; the agent reconnects (to another node if this one is stopping). */
    void end() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            async.complete();
        } catch (IllegalStateException alreadyOver) {
            // completed by the container (the client left) at the same moment
        }
        onClose.run();
    }

    private void drain() {
        if (closed) {
            return;
        }
        try {
            while (out.isReady()) {
                if (pending != null) {
                    byte[] frame = pending;
                    pending = null;
                    out.write(frame);
                    unflushed = true;
                } else if (unflushed) {
                    unflushed = false;
                    out.flush();
                } else {
                    return;
                }
            }
        } catch (IOException | IllegalStateException e) {
            end();
        }
    }

    @Override
    public synchronized void onWritePossible() {
        drain();
    }

    @Override
    public void onError(Throwable failure) {
        end();
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
        // not restarted
    }
}
