package dev.mosaic.server.revert;

import dev.mosaic.query.api.ChangePreview;

import java.util.List;

/** The answer to {@code POST /api/revert}: the commands of the plan (sent, unless a dry run) and their effect on agents. */
record RevertAnswer(boolean dryRun, List<RevertStep> commands, List<ChangePreview.AgentChange> agents) {
}
