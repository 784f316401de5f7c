package dev.mosaic.query.common;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A collection answer: {@code {"items": [...], "nextCursor": "..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Items<T>(List<T> items, String nextCursor) {
    public static <T> Items<T> of(List<T> items) {
        return new Items<>(items, null);
    }
}
