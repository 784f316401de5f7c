package dev.mosaic.query.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

/**
 * One field-level difference of two JSON documents at its JSON Pointer (RFC 6901): {@code op} is added, removed
 * or changed; {@code from}/{@code to} are the values at {@code path} (absent for an added or removed value).
 */
@Schema(name = "JsonChange")
public record ConfigChange(String path, @Schema(allowableValues = {"added", "removed", "changed"}) String op,
                           @Nullable JsonNode from, @Nullable JsonNode to) {
}
