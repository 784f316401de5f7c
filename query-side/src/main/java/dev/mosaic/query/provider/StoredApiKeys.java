package dev.mosaic.query.provider;

import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.query.api.ProviderCredentials;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Decrypts a saved provider's API key from the providers view. */
@Component
class StoredApiKeys implements ProviderCredentials {
    private final ProvidersProjection providers;
    private final SecretCipher cipher;

    StoredApiKeys(ProvidersProjection providers, SecretCipher cipher) {
        this.providers = providers;
        this.cipher = cipher;
    }

    @Override
    public Optional<String> apiKey(String providerId) {
        return providers.provider(providerId).filter(p -> p.apiKey() != null)
                .map(p -> cipher.decrypt(p.apiKey(), SecretOwner.providerApiKey(providerId)));
    }
}
