package dev.mosaic.command.breakglass;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeBreakglassPassword(@TargetAggregateIdentifier String userId, String newPassword) {
    @Override
    public String toString() {
        return "ChangeBreakglassPassword[" + userId + "]";
    }
}
