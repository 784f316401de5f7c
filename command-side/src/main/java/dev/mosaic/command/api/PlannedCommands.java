package dev.mosaic.command.api;

import java.util.List;
import java.util.Map;

/** Sends a plan's commands, in order, in the caller's transaction. */
public interface PlannedCommands {
    /** What one planned command became: the id of the entity it was sent to (a new one for a registration). */
    record Sent(PlannedCommand command, String entityId) {
    }

    /**
     * Resolves names to ids (an entity registered earlier in the plan included) and sends each command with
     * {@code metaData} (reason, {@code revertOf}, ...). The first failure ends it with that command's exception.
     */
    List<Sent> send(List<PlannedCommand> plan, Map<String, ?> metaData);
}
