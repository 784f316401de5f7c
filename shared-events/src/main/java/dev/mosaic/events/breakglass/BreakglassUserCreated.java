package dev.mosaic.events.breakglass;

import org.axonframework.serialization.Revision;

/** {@code passwordHash} is a bcrypt hash, never the password. */
@Revision("1")
public record BreakglassUserCreated(String userId, String username, String passwordHash) implements BreakglassEvent {
}
