package dev.mosaic.events.changerequest;

public record ChangeRequestCancelled(String changeRequestId, String byId, String byName) implements ChangeRequestEvent {
}
