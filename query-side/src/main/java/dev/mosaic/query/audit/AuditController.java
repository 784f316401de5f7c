package dev.mosaic.query.audit;

import dev.mosaic.query.common.InstantParameter;
import dev.mosaic.query.api.InvalidQueryParameterException;
import dev.mosaic.query.api.Items;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;


@RestController
class AuditController {
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
                InstantParameter.parse("from", from), InstantParameter.parse("to", to), cursor(cursor), limit));
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
