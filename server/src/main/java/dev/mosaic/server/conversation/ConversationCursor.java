package dev.mosaic.server.conversation;

import dev.mosaic.query.api.InvalidQueryParameterException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The list's cursor: the last conversation of a page, as {@code <updatedAt in µs>.<id>}. */
final class ConversationCursor {
    private ConversationCursor() {
    }

    static String after(ConversationStore.SealedSummary last) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, last.updatedAt()) + "." + last.id();
    }

    static ConversationStore.Position parse(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        int dot = cursor.indexOf('.');
        try {
            long micros = Long.parseLong(cursor.substring(0, dot));
            return new ConversationStore.Position(Instant.EPOCH.plus(micros, ChronoUnit.MICROS),
                    UUID.fromString(cursor.substring(dot + 1)));
        } catch (RuntimeException e) {
            throw new InvalidQueryParameterException("cursor", "is not a cursor this API returned");
        }
    }
}
