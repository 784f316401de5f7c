package dev.mosaic.events.breakglass;

import org.axonframework.serialization.Revision;

@Revision("1")
public record BreakglassUserDeactivated(String userId) implements BreakglassEvent {
}
