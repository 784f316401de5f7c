package dev.mosaic.server.dryrun;

/**
 * Where {@code ?dryRun=} is a parameter of a write: as {@link DryRunConfiguration#offersDryRun} says (its one
 * list), matched against the request URI as the dry run itself reads it.
 */
public final class DryRunPaths {
    public static final String PARAMETER = DryRunConfiguration.DRY_RUN;

    private DryRunPaths() {
    }

    public static boolean offeredOn(String requestUri) {
        return DryRunConfiguration.offersDryRun(requestUri);
    }
}
