package dev.mosaic.events.token;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ApiTokenRevoked(String tokenId) implements ApiTokenEvent {
}
