package dev.mosaic.server.startup;

/** Mosaic cannot start as configured; the message says what to set. */
public class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
