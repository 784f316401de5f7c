package dev.mosaic.command.api;

import java.util.Optional;

/** Finds a breakglass user's id by username, for the operator's CLI. */
public interface BreakglassUsernames {
    Optional<String> userIdOf(String username);
}
