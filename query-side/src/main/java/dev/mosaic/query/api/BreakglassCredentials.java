package dev.mosaic.query.api;

import java.util.Optional;

/** What sign-in needs of the breakglass accounts. */
public interface BreakglassCredentials {
    Optional<BreakglassCredential> byUsername(String username);

    /** Whether any breakglass account exists (active or not). */
    boolean any();
}
