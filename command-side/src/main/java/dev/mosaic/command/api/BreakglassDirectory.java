package dev.mosaic.command.api;

/** Counts of breakglass accounts, for the rules that span all of them. */
public interface BreakglassDirectory {
    boolean anyUser();

    long activeUsers();
}
