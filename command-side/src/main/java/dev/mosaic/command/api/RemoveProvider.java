package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RemoveProvider(@TargetAggregateIdentifier String providerId,
                             @TargetAggregateVersion Long expectedVersion) {
}
