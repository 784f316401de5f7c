package dev.mosaic.command.api;

import dev.mosaic.events.installation.InstallationEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CompleteOnboarding(@TargetAggregateIdentifier String installationId) {
    public CompleteOnboarding() {
        this(InstallationEvent.ID);
    }
}
