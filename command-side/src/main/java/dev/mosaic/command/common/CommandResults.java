package dev.mosaic.command.common;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.Map;

/** Builds write responses: the entity's new version in the body and as {@code ETag}. */
@Component
public class CommandResults {
    private final EventStore eventStore;

    CommandResults(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public long versionOf(String aggregateId) {
        return eventStore.lastSequenceNumberFor(aggregateId).orElse(0L);
    }

    public ResponseEntity<Map<String, Object>> created(URI location, Map<String, Object> body, long version) {
        return ResponseEntity.status(HttpStatus.CREATED).location(location).eTag(IfMatch.etag(version))
                .body(withVersion(body, version));
    }

    public ResponseEntity<Map<String, Object>> updated(Map<String, Object> body, Object handlerResult) {
        long version = handlerResult instanceof Long v ? v : 0L;
        return ResponseEntity.ok().eTag(IfMatch.etag(version)).body(withVersion(body, version));
    }

    private static Map<String, Object> withVersion(Map<String, Object> body, long version) {
        var result = new java.util.LinkedHashMap<>(body);
        result.put("version", version);
        return result;
    }
}
