package dev.mosaic.command.api;

/** A command or request names an entity that does not exist (answered with 404). */
public class UnknownEntityException extends RuntimeException {
    public UnknownEntityException(String entityType, String id) {
        super("no " + entityType + " '" + id + "'");
    }
}
