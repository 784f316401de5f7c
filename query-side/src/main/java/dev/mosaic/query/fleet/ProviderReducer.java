package dev.mosaic.query.fleet;

import dev.mosaic.events.provider.ProviderActivated;
import dev.mosaic.events.provider.ProviderApiKeyRotated;
import dev.mosaic.events.provider.ProviderDeactivated;
import dev.mosaic.events.provider.ProviderDetailsChanged;
import dev.mosaic.events.provider.ProviderEvent;
import dev.mosaic.events.provider.ProviderModelsChanged;
import dev.mosaic.events.provider.ProviderRegistered;
import dev.mosaic.events.provider.ProviderRemoved;
import dev.mosaic.query.api.Provider;
import org.springframework.lang.Nullable;

/**
 * What each provider event means: the one place that decides it. {@code version} is the event's sequence
 * number in its aggregate (the provider's version, its ETag).
 */
public final class ProviderReducer {
    private ProviderReducer() {
    }

    /** The provider after {@code event}; null when it does not exist (before registration, after removal). */
    @Nullable
    public static Provider apply(@Nullable Provider provider, ProviderEvent event, long version) {
        if (event instanceof ProviderRegistered e) {
            return new Provider(e.providerId(), e.name(), e.displayName(), e.type(), e.baseUrl(), e.apiType(),
                    e.apiKey(), e.models(), true, version);
        }
        if (provider == null || event instanceof ProviderRemoved) {
            return null;
        }
        Provider next = provider;
        if (event instanceof ProviderDetailsChanged e) {
            next = provider.withDetails(e.displayName(), e.type(), e.baseUrl(), e.apiType());
        } else if (event instanceof ProviderApiKeyRotated e) {
            next = provider.withApiKey(e.apiKey());
        } else if (event instanceof ProviderModelsChanged e) {
            next = provider.withModels(e.models());
        } else if (event instanceof ProviderDeactivated) {
            next = provider.withActive(false);
        } else if (event instanceof ProviderActivated) {
            next = provider.withActive(true);
        }
        return next.withVersion(version);
    }
}
