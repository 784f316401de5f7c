package dev.mosaic.server.revert;

import io.swagger.v3.oas.annotations.media.Schema;

/** One ordinary command of a revert, as the answer lists it. */
@Schema(name = "PlannedCommand")
public record RevertStep(@Schema(allowableValues = {"provider", "agent"}) String entityType, String entityId,
                  @Schema(allowableValues = {"register", "update", "restore-api-key", "deactivate", "remove"})
                  String action,
                  String summary) {
}
