package dev.mosaic.events.changerequest;

public record ChangeRequestRejected(String changeRequestId, String byId, String byName, String comment)
        implements ChangeRequestEvent {
}
