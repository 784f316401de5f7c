package dev.mosaic.server.fleetfile;

import dev.mosaic.query.api.ChangePreview;
import dev.mosaic.server.revert.RevertStep;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The answer to {@code PUT /api/fleet} (the plan with {@code dryRun}): the commands, their effect on agents, the
 * entities left alone, and the tokens of agents it created (only when applied, shown once).
 */
@Schema(name = "FleetApplyAnswer")
public record FleetAnswer(boolean dryRun, long baseSeq, long seq, List<RevertStep> commands,
                          List<ChangePreview.AgentChange> agents, List<FleetTarget.Unmanaged> unmanaged,
                          List<CreatedToken> tokens) {

    /** A created agent's token, shown once. */
    @Schema(name = "FleetCreatedToken")
    public record CreatedToken(String name, String token) {
        @Override
        public String toString() {
            return "CreatedToken[" + name + "]";
        }
    }
}
