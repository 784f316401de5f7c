package dev.mosaic.server.fleetcli;

/** A failure the CLI reports in one line and exits 1 for. */
final class FleetCliException extends RuntimeException {
    FleetCliException(String message) {
        super(message);
    }
}
