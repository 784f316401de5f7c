package dev.mosaic.events.breakglass;

import org.axonframework.serialization.Revision;

@Revision("1")
public record BreakglassPasswordChanged(String userId, String passwordHash) implements BreakglassEvent {
}
