package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent in the transaction that runs the approved operation's commands, so both commit or neither. */
public record MarkChangeRequestApplied(@TargetAggregateIdentifier String changeRequestId, String byId, String byName) {
}
