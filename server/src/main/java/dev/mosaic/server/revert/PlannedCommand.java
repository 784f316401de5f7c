package dev.mosaic.server.revert;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** One ordinary command of a revert, as the plan lists it; {@code command} is what is sent. */
record PlannedCommand(String entityType, String entityId, String action, String summary, @JsonIgnore Object command) {
}
