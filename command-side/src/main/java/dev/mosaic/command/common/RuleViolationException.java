package dev.mosaic.command.common;

/** A well-formed command that the current state forbids (answered with 409). */
public class RuleViolationException extends RuntimeException {
    public RuleViolationException(String message) {
        super(message);
    }
}
