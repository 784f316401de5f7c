package dev.mosaic.query.replay;

import dev.mosaic.query.agent.AgentsProjection;
import dev.mosaic.query.agentconfig.AgentConfigProjection;
import dev.mosaic.query.audit.AuditProjection;
import dev.mosaic.query.breakglass.BreakglassCredentialsProjection;
import dev.mosaic.query.installation.InstallationProjection;
import dev.mosaic.query.provider.ProvidersProjection;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Rebuilds every query-side view from the event store in one transaction: readers keep seeing the old
 * views until the rebuilt ones commit.
 */
@Component
public class ProjectionReplay {
    private final EventStorageEngine events;
    private final TransactionTemplate transaction;
    private final List<Object> projections;

    ProjectionReplay(EventStorageEngine events, TransactionTemplate transaction, ProvidersProjection providers,
                     AgentsProjection agents, BreakglassCredentialsProjection breakglass,
                     InstallationProjection installation, AuditProjection audit,
                     AgentConfigProjection agentConfig) {
        this.events = events;
        this.transaction = transaction;
        this.projections = List.of(providers, agents, breakglass, installation, audit, agentConfig);
    }

    /** Returns how many events were replayed. */
    public long replayAll() {
        return transaction.execute(status -> {
            List<AnnotationEventHandlerAdapter> adapters = projections.stream()
                    .map(AnnotationEventHandlerAdapter::new).toList();
            adapters.forEach(AnnotationEventHandlerAdapter::prepareReset);
            AtomicLong count = new AtomicLong();
            try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(null, false)) {
                stream.forEach(event -> {
                    count.incrementAndGet();
                    for (AnnotationEventHandlerAdapter adapter : adapters) {
                        if (adapter.canHandle(event)) {
                            handle(adapter, event);
                        }
                    }
                });
            }
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
