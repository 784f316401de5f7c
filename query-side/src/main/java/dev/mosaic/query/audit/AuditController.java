package dev.mosaic.query.audit;

import dev.mosaic.query.api.InvalidQueryParameterException;
import dev.mosaic.query.api.Items;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;

@RestController
class AuditController {
    /** The range a SQL timestamp holds; Instant's own range is far wider. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private final AuditQuery audit;

    AuditController(AuditQuery audit) {
        this.audit = audit;
    }

    @GetMapping("/api/audit")
    Items<AuditEntry> find(@RequestParam(required = false) String entityType,
                           @RequestParam(required = false) String entityId,
                           @RequestParam(required = false) String actor,
                           @RequestParam(required = false) String from,
                           @RequestParam(required = false) String to,
                           @RequestParam(defaultValue = "50") int limit,
                           @RequestParam(required = false) String cursor) {
        if (limit < 1 || limit > 500) {
            throw new InvalidQueryParameterException("limit", "must be between 1 and 500");
        }
        return audit.find(new AuditQuery.Filter(blankToNull(entityType), blankToNull(entityId), blankToNull(actor),
                instant("from", from), instant("to", to), cursor(cursor), limit));
    }

    private static Instant instant(String field, String value) {
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

    private static Long cursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidQueryParameterException("cursor", "is not a cursor this API returned");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
