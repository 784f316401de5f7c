package dev.mosaic.server.chat;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The browser's side of a chat, in the Servlet API's non-blocking mode: bytes queue up here and go out only while
 * the container says the connection takes them ({@code isReady()}), from whichever thread asks first, the
 * caller's or the container's {@code onWritePossible}. What waits for bytes to be gone (the next chunk from the
 * gateway, the end of the answer) runs once they are written and flushed. A browser that stops reading so holds
 * no thread: the queue stops draining and the gateway is asked for nothing more until it reads again.
 * Once set up, every write of the response must come through here (the container refuses blocking ones).
 */
final class BrowserOutput implements WriteListener {
    /** Serialises the queue and the stream: the caller's thread and the container's may drain at once. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Byte arrays to write and, after each, what runs once they are flushed. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final ServletOutputStream out;
    private final Runnable onFailure;
    private boolean unflushed;
    private boolean closed;
    /** When the browser last stopped taking bytes while some waited; 0 while nothing waits on it. */
    private volatile long stalledSince;

    /** {@code onFailure} runs (without this object's lock) when the browser can no longer be written to. */
    BrowserOutput(ServletOutputStream out, Runnable onFailure) {
        this.out = out;
        this.onFailure = onFailure;
        out.setWriteListener(this);
    }

    /** Queues bytes; {@code then} runs once they are written and flushed, at once when the browser takes them at once. */
    void send(byte[] bytes, Runnable then) {
        run(enqueue(bytes, then));
    }

    /** {@code then} runs once everything queued before it is written and flushed. */
    void afterQueued(Runnable then) {
        run(enqueue(null, then));
    }

    /** How long the browser has been keeping bytes waiting without taking any; 0 when none wait. */
    long stalledMillis(long now) {
        long since = stalledSince;
        return since == 0 ? 0 : now - since;
    }

    /** Drops what still waits; nothing is written afterwards (the response is about to complete). */
    void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onWritePossible() {
        lock.lock();
        List<Runnable> due;
        try {
            if (stalledSince != 0) {
                stalledSince = System.currentTimeMillis(); // it took some: the stall starts over
            }
            due = drain();
        } finally {
            lock.unlock();
        }
        run(due);
    }

    @Override
    public void onError(Throwable failure) {
        close();
        onFailure.run();
    }

    private List<Runnable> enqueue(byte[] bytes, Runnable then) {
        lock.lock();
        try {
            if (closed) {
                return List.of();
            }
            if (bytes != null) {
                queue.add(bytes);
            }
            queue.add(then);
            return drain();
        } finally {
            lock.unlock();
        }
    }

    /** Writes while the browser takes bytes; returns what is due to run now that its bytes are gone. */
    private List<Runnable> drain() {
        List<Runnable> due = new ArrayList<>(1);
        try {
            while (!closed && !queue.isEmpty()) {
                Object next = queue.peek();
                if (next instanceof byte[] bytes) {
                    if (!out.isReady()) {
                        break;
                    }
                    out.write(bytes);
                    unflushed = true;
                } else {
                    if (unflushed) {
                        if (!out.isReady()) {
                            break;
                        }
                        out.flush();
                        unflushed = false;
                    }
                    if (!out.isReady()) { // the flush left bytes behind: they are written before this counts as done
                        break;
                    }
                    due.add((Runnable) next);
                }
                queue.poll();
            }
        } catch (IOException | IllegalStateException e) { // the browser went away
            closed = true;
            queue.clear();
            due.clear();
            due.add(onFailure);
        }
        stalledSince = queue.isEmpty() ? 0 : stalledSince == 0 ? System.currentTimeMillis() : stalledSince;
        return due;
    }

    private static void run(List<Runnable> due) {
        due.forEach(Runnable::run);
    }
}
