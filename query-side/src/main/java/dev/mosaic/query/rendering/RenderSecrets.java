package dev.mosaic.query.rendering;

import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.Provider;

import java.util.HashMap;
import java.util.Map;

/**
 * The plaintext of the secrets a config carries, decrypted when rendering asks for them: each provider's key
 * once per instance (a render batch, a preview), however many agents use it. Short-lived; safe to share between
 * the threads of one batch.
 */
public final class RenderSecrets {
    private final SecretCipher cipher;
    private final Map<String, String> apiKeys = new java.util.concurrent.ConcurrentHashMap<>();

    public RenderSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    public String token(Agent agent) {
        return cipher.decrypt(agent.token(), SecretOwner.agentToken(agent.id()));
    }

    /** The provider's key (null when it has none). */
    public String apiKey(Provider provider) {
        if (provider.apiKey() == null) {
            return null;
        }
        return apiKeys.computeIfAbsent(provider.id() + '\0' + provider.apiKey().ciphertext(),
                k -> cipher.decrypt(provider.apiKey(), SecretOwner.providerApiKey(provider.id())));
    }
}
