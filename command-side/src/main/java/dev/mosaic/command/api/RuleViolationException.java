package dev.mosaic.command.api;

/** A well-formed command that the current state forbids (answered with 409). */
public class RuleViolationException extends RuntimeException {
    public RuleViolationException(String message) {
        super(message);
    }
}
