package dev.mosaic.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A collection answer: {@code {"items": [...], "nextCursor": "..."}}, the cursor only where there is more. */
public record Items<T>(List<T> items, @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {
    public static <T> Items<T> of(List<T> items) {
        return new Items<>(items, null);
    }
}
