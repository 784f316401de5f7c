package dev.mosaic.server.changerequest;

import java.util.Set;

/**
 * The writes four-eyes governs: every change to providers, agents, the OIDC settings, the rollout policy, the
 * fleet document, a revert, and the change policy itself (lowering it: see {@link ChangePolicyGate}). Connection
 * tests change nothing and pass.
 */
final class GovernedWrites {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> SETTINGS = Set.of("/api/settings/oidc", "/api/settings/rollout", "/api/fleet",
            "/api/revert", ChangePolicyGate.CHANGE_POLICY);

    private GovernedWrites() {
    }

    static boolean covers(String method, String path) {
        if (!WRITES.contains(method)) {
            return false;
        }
        if (path.startsWith("/api/providers")) {
            return !path.endsWith("/test");
        }
        return path.equals("/api/agents") || path.startsWith("/api/agents/") || SETTINGS.contains(path);
    }
}
