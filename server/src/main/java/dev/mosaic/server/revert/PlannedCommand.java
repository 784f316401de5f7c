package dev.mosaic.server.revert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;

/** One ordinary command of a revert, as the plan lists it; {@code command} is what is sent. */
record PlannedCommand(@Schema(allowableValues = {"provider", "agent"}) String entityType, String entityId,
                      @Schema(allowableValues = {"register", "update", "restore-api-key", "deactivate", "remove"})
                      String action,
                      String summary, @JsonIgnore Object command) {
}
