package dev.mosaic.query.common;

import dev.mosaic.query.api.HasVersion;
import org.springframework.http.ResponseEntity;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.util.Optional;

/** Answers an entity read with its version as {@code ETag} ({@code "<version>"}), or 404. */
public final class Versioned {
    private Versioned() {
    }

    public static <T extends HasVersion> ResponseEntity<T> ok(Optional<T> entity, String what) {
        T found = entity.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no " + what));
        return ResponseEntity.ok().eTag("\"" + found.version() + "\"").body(found);
    }
}
