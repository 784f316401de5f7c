package dev.mosaic.query.history;

import dev.mosaic.query.eventstore.StoredEvents;
import dev.mosaic.query.common.InstantParameter;
import dev.mosaic.query.api.InvalidQueryParameterException;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Turns {@code seq} or {@code at} query parameters into a position of the event store, or a 400 naming them. */
@Component
class Positions {
    private final StoredEvents events;

    Positions(StoredEvents events) {
        this.events = events;
    }

    /** {@code seq} wins over {@code at}; neither means the newest event. */
    public long resolve(String seq, String at) {
        StoredEvents.Bounds bounds = events.bounds();
        if (bounds.isEmpty()) {
            throw new InvalidQueryParameterException("seq", "cannot name an event: the event store is empty");
        }
        if (seq != null && !seq.isBlank()) {
            return check(bounds, parse(seq));
        }
        if (at != null && !at.isBlank()) {
            Instant instant = InstantParameter.parse("at", at);
            return events.seqAt(instant).orElseThrow(() -> new InvalidQueryParameterException("at",
                    "is before the first event"));
        }
        return bounds.newest();
    }

    public long check(long seq) {
        return check(events.bounds(), seq);
    }

    private static long check(StoredEvents.Bounds bounds, long seq) {
        if (seq < bounds.first() || seq > bounds.newest()) {
            throw new InvalidQueryParameterException("seq", "must be between the first event (" + bounds.first()
                    + ") and the newest (" + bounds.newest() + ")");
        }
        return seq;
    }

    private static long parse(String seq) {
        try {
            return Long.parseLong(seq.trim());
        } catch (NumberFormatException e) {
            throw new InvalidQueryParameterException("seq", "must be a sequence number from the audit log");
        }
    }
}
