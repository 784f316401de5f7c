package dev.mosaic.query.replay;

import dev.mosaic.query.agent.AgentsProjection;
import dev.mosaic.query.audit.AuditProjection;
import dev.mosaic.query.breakglass.BreakglassCredentialsProjection;
import dev.mosaic.query.installation.InstallationProjection;
import dev.mosaic.query.provider.ProvidersProjection;
import dev.mosaic.query.rendering.ConfigRenderer;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Rebuilds every query-side view from the event store in one transaction: readers keep seeing the old
 * views until the rebuilt ones commit. Then renders every agent again in the same transaction: the version
 * history is kept, and an agent whose rendered bytes equal its newest version keeps that version.
 * While it runs, commands wait (an advisory lock they share and the replay holds alone), so nothing
 * committed meanwhile is lost between the events read and the views written.
 */
@Component
public class ProjectionReplay {
    static final long PROGRESS_EVERY = 10_000;
    private final EventStorageEngine events;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final List<Object> projections;
    private final ConfigRenderer renderer;

    ProjectionReplay(EventStorageEngine events, TransactionTemplate transaction, JdbcClient jdbc, ProvidersProjection providers,
                     AgentsProjection agents, BreakglassCredentialsProjection breakglass,
                     InstallationProjection installation, AuditProjection audit, ConfigRenderer renderer) {
        this.events = events;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.renderer = renderer;
        this.projections = List.of(providers, agents, breakglass, installation, audit);
    }

    /** Returns how many events were replayed. */
    public long replayAll() {
        return replayAll(count -> {
        });
    }

    /** As {@link #replayAll()}, telling {@code progress} the count every {@value #PROGRESS_EVERY} events. */
    public long replayAll(LongConsumer progress) {
        return transaction.execute(status -> {
            ReplayLock.takeExclusive(jdbc);
            List<AnnotationEventHandlerAdapter> adapters = projections.stream()
                    .map(AnnotationEventHandlerAdapter::new).toList();
            adapters.forEach(AnnotationEventHandlerAdapter::prepareReset);
            AtomicLong count = new AtomicLong();
            try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(null, false)) {
                stream.forEach(event -> {
                    if (count.incrementAndGet() % PROGRESS_EVERY == 0) {
                        progress.accept(count.get());
                    }
                    for (AnnotationEventHandlerAdapter adapter : adapters) {
                        if (adapter.canHandle(event)) {
                            handle(adapter, event);
                        }
                    }
                });
            }
            long head = jdbc.sql("select coalesce(max(global_index), 0) from domain_event_entry").query(Long.class).single();
            renderer.requestAll(head);
            renderer.renderPending();
            return count.get();
        });
    }

    private static void handle(AnnotationEventHandlerAdapter adapter, TrackedEventMessage<?> event) {
        try {
            adapter.handle(event);
        } catch (Exception e) {
            throw new IllegalStateException("replay failed at event " + event.getIdentifier(), e);
        }
    }
}
