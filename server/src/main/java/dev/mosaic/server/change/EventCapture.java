package dev.mosaic.server.change;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Collects the events published on this thread while a capture is open. Registered as the event bus's dispatch
 * interceptor, which sees a unit of work's events as they are about to be stored.
 */
public final class EventCapture implements MessageDispatchInterceptor<EventMessage<?>> {
    private static final ThreadLocal<Capture> OPEN = new ThreadLocal<>();

    /** One open capture; captures nest (an inner one's events also count for the outer one). */
    public static final class Capture {
        private final Capture outer;
        private final List<EventMessage<?>> events = new ArrayList<>();
        private boolean closed;

        private Capture(Capture outer) {
            this.outer = outer;
        }

        /** Stops capturing (idempotent) and answers what was captured. */
        public List<EventMessage<?>> close() {
            if (!closed) {
                closed = true;
                if (OPEN.get() == this) {
                    if (outer == null) {
                        OPEN.remove();
                    } else {
                        OPEN.set(outer);
                    }
                }
            }
            return List.copyOf(events);
        }

        private void add(EventMessage<?> event) {
            events.add(event);
            if (outer != null) {
                outer.add(event);
            }
        }
    }

    public static Capture start() {
        Capture capture = new Capture(OPEN.get());
        OPEN.set(capture);
        return capture;
    }

    static <T> ChangePipeline.Outcome<T> capture(Supplier<T> work) {
        Capture capture = start();
        try {
            T value = work.get();
            return new ChangePipeline.Outcome<>(value, capture.close());
        } finally {
            capture.close();
        }
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, event) -> {
            Capture capture = OPEN.get();
            if (capture != null) {
                capture.add(event);
            }
            return event;
        };
    }
}
