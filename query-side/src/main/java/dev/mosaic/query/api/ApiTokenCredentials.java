package dev.mosaic.query.api;

import java.time.Instant;
import java.util.Optional;

/** The token table as the server's authentication reads it, on every request (so revocation holds on every node). */
public interface ApiTokenCredentials {
    Optional<ApiTokenCredential> byHash(String tokenHash);

    /** Records a use at {@code now} unless one was recorded less than a minute before; true when it wrote. */
    boolean markUsed(String tokenId, Instant now);

    /** Tokens neither revoked nor expired at {@code now}. */
    long countActive(Instant now);
}
