package dev.mosaic.command.api;

import dev.mosaic.events.token.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes a token: admins any, others only their own ({@code caller} is who asks). */
public record RevokeApiToken(@TargetAggregateIdentifier String tokenId, Caller caller) {
}
