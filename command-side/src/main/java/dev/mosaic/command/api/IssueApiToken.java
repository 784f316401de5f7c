package dev.mosaic.command.api;

import dev.mosaic.events.token.Caller;

import java.time.Instant;

/**
 * Issues an API token to {@code owner} (the person asking, or for the CLI the named breakglass user), capped by the
 * owner's roles. Only the token's SHA-256 travels; {@code expiresInDays} null means the default (30).
 */
public record IssueApiToken(String tokenId, String name, String role, Integer expiresInDays, Instant issuedAt,
                            String tokenHash, Caller owner) {
}
