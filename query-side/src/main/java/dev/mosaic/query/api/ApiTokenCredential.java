package dev.mosaic.query.api;

import java.time.Instant;

/**
 * What authenticating a request needs of one API token, found by its hash: whether it is revoked, when it expires,
 * and whether its owner is a breakglass user who was deactivated ({@code ownerActive} false).
 */
public record ApiTokenCredential(String tokenId, String tokenHash, String name, String role, String ownerId,
                                 String ownerName, Instant expiresAt, boolean revoked, boolean ownerActive,
                                 Instant lastUsedAt) {
    @Override
    public String toString() {
        return "ApiTokenCredential[" + tokenId + ", " + name + "]";
    }
}
