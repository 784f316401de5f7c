package dev.mosaic.command.api;

/** The caller may not do this, whatever the state: the author approving their own change, say (answered with 403). */
public class NotAllowedException extends RuntimeException {
    public NotAllowedException(String message) {
        super(message);
    }
}
