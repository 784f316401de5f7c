package dev.mosaic.events.provider;

/** Every event of one LLM provider; {@code providerId} is the aggregate identifier. */
public sealed interface ProviderEvent permits ProviderRegistered, ProviderDetailsChanged, ProviderApiKeyRotated,
        ProviderModelsChanged, ProviderDeactivated, ProviderActivated, ProviderRemoved {
    String providerId();
}
