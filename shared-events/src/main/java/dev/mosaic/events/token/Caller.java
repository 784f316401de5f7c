package dev.mosaic.events.token;

import java.util.Set;

/**
 * The person behind the current request, for rules that depend on who asks (a token's role cap, "their own
 * tokens"): {@code ownerId} is their actor id ({@code user:<id>} or {@code oidc:<sub>}), {@code roles} their roles
 * (ADMIN, AUDITOR, USER), {@code tokenId} the API token the request came with, or null for a session.
 */
public record Caller(String ownerId, String ownerName, Set<String> roles, String tokenId) {
    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(ApiTokens.ADMIN);
    }

    public boolean viaToken() {
        return tokenId != null;
    }
}
