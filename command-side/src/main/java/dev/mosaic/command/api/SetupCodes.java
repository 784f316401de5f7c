package dev.mosaic.command.api;

/**
 * The one-time code that proves the first admin can read the server's log (printed at start and by the CLI while
 * no breakglass user exists).
 */
public interface SetupCodes {
    /** A fresh code; it replaces the previous one. */
    String issue();
}
