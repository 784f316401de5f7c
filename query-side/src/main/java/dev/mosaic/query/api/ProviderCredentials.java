package dev.mosaic.query.api;

import java.util.Optional;

/** A saved provider's API key in plaintext, for the server's "Test connection"; never leaves the server. */
public interface ProviderCredentials {
    Optional<String> apiKey(String providerId);
}
