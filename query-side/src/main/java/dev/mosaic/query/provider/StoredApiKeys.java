package dev.mosaic.query.provider;

import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;
import dev.mosaic.query.api.ProviderCredentials;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Decrypts a saved provider's API key from the providers view. */
@Component
class StoredApiKeys implements ProviderCredentials {
    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    StoredApiKeys(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Override
    public Optional<String> apiKey(String providerId) {
        return jdbc.sql("select api_key from provider_view where provider_id = ? and api_key is not null")
                .param(providerId).query(String.class).optional()
                .map(key -> cipher.decrypt(new SecretRef(key), SecretOwner.providerApiKey(providerId)));
    }
}
