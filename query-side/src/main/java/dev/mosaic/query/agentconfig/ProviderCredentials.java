package dev.mosaic.query.agentconfig;

import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** A saved provider's API key in plaintext, for the server's "Test connection"; never leaves the server. */
@Component
public class ProviderCredentials {
    private final ConfigSources sources;
    private final SecretCipher cipher;

    ProviderCredentials(ConfigSources sources, SecretCipher cipher) {
        this.sources = sources;
        this.cipher = cipher;
    }

    public Optional<String> apiKey(String providerId) {
        return sources.provider(providerId)
                .flatMap(provider -> Optional.ofNullable(provider.apiKey()))
                .map(key -> cipher.decrypt(key, SecretOwner.providerApiKey(providerId)));
    }
}
