package dev.mosaic.server.changerequest;

import dev.mosaic.events.meta.Actor;
import dev.mosaic.events.meta.RequestContext;
import dev.mosaic.events.token.Callers;
import org.springframework.stereotype.Component;

/**
 * The person behind a request, whichever way they came: signed in, or with one of their API tokens. Four-eyes
 * rules compare people, never tokens, so nobody approves their own change through their own token.
 */
@Component
class People {
    private final Callers callers;
    private final RequestContext context;

    People(Callers callers, RequestContext context) {
        this.callers = callers;
        this.context = context;
    }

    Actor current() {
        return callers.current().map(caller -> new Actor(caller.ownerId(), caller.ownerName()))
                .orElseGet(context::actor);
    }
}
