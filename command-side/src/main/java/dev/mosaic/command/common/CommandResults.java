package dev.mosaic.command.common;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.function.LongFunction;

/** Builds write responses: the entity's new version in the body (the answer record carries it) and as {@code ETag}. */
@Component
public class CommandResults {
    private final EventStore eventStore;

    CommandResults(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public long versionOf(String aggregateId) {
        return eventStore.lastSequenceNumberFor(aggregateId).orElse(0L);
    }

    public <T> ResponseEntity<T> created(URI location, long version, LongFunction<T> body) {
        return ResponseEntity.status(HttpStatus.CREATED).location(location).eTag(IfMatch.etag(version))
                .body(body.apply(version));
    }

    public <T> ResponseEntity<T> updated(Object handlerResult, LongFunction<T> body) {
        long version = handlerResult instanceof Long v ? v : 0L;
        return ResponseEntity.ok().eTag(IfMatch.etag(version)).body(body.apply(version));
    }
}
