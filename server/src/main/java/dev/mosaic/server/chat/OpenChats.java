package dev.mosaic.server.chat;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chats in progress. The context closing (SIGTERM) ends them before the web server's graceful shutdown
 * starts, which would otherwise wait for a long answer until its timeout gives up.
 */
@Component
class OpenChats {
    static final String SHUTTING_DOWN = "Mosaic is shutting down; ask again in a moment";

    private final Set<Runnable> enders = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    /** A chat asked for while the server stops is refused before it starts (503). */
    void refuseWhenClosing() {
        if (closing) {
            throw new GatewayFailureException(HttpStatus.SERVICE_UNAVAILABLE, SHUTTING_DOWN);
        }
    }

    /** Registers how to end a chat at shutdown; run the returned action when the chat ends by itself. */
    Runnable register(Runnable ender) {
        enders.add(ender);
        if (closing) {
            ender.run();
        }
        return () -> enders.remove(ender);
    }

    @EventListener(ContextClosedEvent.class)
    void endAll() {
        closing = true;
        enders.forEach(Runnable::run);
        enders.clear();
    }
}
