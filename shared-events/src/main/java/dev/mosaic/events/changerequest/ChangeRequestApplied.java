package dev.mosaic.events.changerequest;

/** The approved change was applied, in the same transaction as the commands it ran. */
public record ChangeRequestApplied(String changeRequestId, String byId, String byName) implements ChangeRequestEvent {
}
