package dev.mosaic.events.token;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A token was issued to {@code ownerId} ({@code user:<id>} or {@code oidc:<sub>}, an actor id) with the given role.
 * {@code tokenHash} is the SHA-256 of the token (hex), so that every node finds the token by it; the token is shown
 * once to its owner and stored nowhere.
 */
@Revision("1")
public record ApiTokenIssued(String tokenId, String name, String role, String ownerId, String ownerName,
                             String tokenHash, Instant createdAt, Instant expiresAt) implements ApiTokenEvent {
}
