package dev.mosaic.events.provider;

import dev.mosaic.events.secret.SecretRef;
import org.axonframework.serialization.Revision;

/** A new API key; {@code apiKey} is null when the key was cleared (e.g. a local Ollama). */
@Revision("1")
public record ProviderApiKeyRotated(String providerId, SecretRef apiKey) implements ProviderEvent {
}
