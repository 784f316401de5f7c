package dev.mosaic.command.api;

import dev.mosaic.events.installation.InstallationEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin has just signed in through OIDC at {@code issuerUrl}. */
public record VerifyOidcSignIn(@TargetAggregateIdentifier String installationId, String issuerUrl, String subject) {
    public VerifyOidcSignIn(String issuerUrl, String subject) {
        this(InstallationEvent.ID, issuerUrl, subject);
    }
}
