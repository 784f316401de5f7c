package dev.mosaic.query.common;

import dev.mosaic.query.api.InvalidQueryParameterException;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** An ISO-8601 instant from a query parameter, within the range a SQL timestamp holds, or a 400 naming it. */
public final class InstantParameter {
    /** Instant's own range is far wider than a SQL timestamp's. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private InstantParameter() {
    }

    /** Null when the parameter is absent or blank. */
    public static Instant parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryParameterException(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidQueryParameterException(field, "must lie between the years 0001 and 9999");
        }
        return instant;
    }
}
