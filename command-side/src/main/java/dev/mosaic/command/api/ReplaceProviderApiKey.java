package dev.mosaic.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** {@code apiKey} is plaintext; null or empty clears the key. */
public record ReplaceProviderApiKey(@TargetAggregateIdentifier String providerId,
                                    @TargetAggregateVersion Long expectedVersion, String apiKey) {
    @Override
    public String toString() {
        return "ReplaceProviderApiKey[" + providerId + "]";
    }
}
