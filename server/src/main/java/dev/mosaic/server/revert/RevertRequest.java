package dev.mosaic.server.revert;

/** The body of {@code POST /api/revert}. */
record RevertRequest(Long seq, ScopeBody scope, String reason, Boolean dryRun) {
    record ScopeBody(String entityType, String entityId) {
    }
}
