package dev.mosaic.server.revert;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/revert}. */
record RevertRequest(Long seq, ScopeBody scope, String reason, Boolean dryRun) {
    record ScopeBody(@Schema(allowableValues = {"provider", "agent"}) String entityType, String entityId) {
    }
}
