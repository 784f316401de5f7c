package dev.mosaic.command.api;

/** The caller's role does not allow this particular request (answered with 403). */
public class NotAllowedException extends RuntimeException {
    public NotAllowedException(String message) {
        super(message);
    }
}
