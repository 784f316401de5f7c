package dev.mosaic.query.api;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

/** One field an event changed, as the audit shows it: {@code to} is "changed" for a secret, whose values are never shown. */
@Schema(name = "Change")
public record FieldChange(String field, @Nullable Object from, @Nullable Object to) {
}
