package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeBreakglassPassword(@TargetAggregateIdentifier String userId, String newPassword) {
    @Override
    public String toString() {
        return "ChangeBreakglassPassword[" + userId + "]";
    }
}
