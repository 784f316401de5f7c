package dev.mosaic.query.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field-level difference of two JSON documents at its JSON Pointer (RFC 6901): {@code op} is added, removed
 * or changed; {@code from}/{@code to} are the values at {@code path} (absent for an added or removed value).
 */
public record ConfigChange(String path, String op, JsonNode from, JsonNode to) {
}
