package dev.mosaic.server.dryrun;

import org.axonframework.eventhandling.EventMessage;

import java.util.List;

/**
 * Thrown by a dry-run command once its handler has decided, so that Axon rolls its unit of work (and the
 * transaction) back: nothing is stored, projected, claimed or notified. Carries the events it would have stored.
 */
public class DryRunCompleted extends RuntimeException {
    private final transient List<EventMessage<?>> events;

    public DryRunCompleted(List<EventMessage<?>> events) {
        super("dry run", null, false, false);
        this.events = List.copyOf(events);
    }

    public List<EventMessage<?>> events() {
        return events;
    }
}
