package dev.mosaic.server.fleetfile;

import dev.mosaic.command.api.InvalidCommandException;
import dev.mosaic.events.provider.ProviderApiKeyRotated;
import dev.mosaic.events.provider.ProviderRegistered;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretFingerprints;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;
import dev.mosaic.query.api.Provider;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * API keys in the fleet document: out as masks only; in, a mask of the provider's current key keeps it, a mask of
 * a key that provider had before restores that key (its ciphertext read back from the provider's events, as a
 * revert restores one), any other mask is refused, and plain text becomes a new key (encrypted here).
 */
@Component
class FleetSecrets {
    private final SecretCipher cipher;
    private final SecretFingerprints fingerprints;
    private final EventStore events;

    FleetSecrets(SecretCipher cipher, SecretFingerprints fingerprints, EventStore events) {
        this.cipher = cipher;
        this.fingerprints = fingerprints;
        this.events = events;
    }

    /** The mask of a provider's key, or null when it has none. */
    String mask(Provider provider) {
        return provider.apiKey() == null ? null
                : fingerprints.mask(cipher.decrypt(provider.apiKey(), SecretOwner.providerApiKey(provider.id())));
    }

    static boolean isMask(String value) {
        return value != null && value.startsWith(SecretFingerprints.PREFIX);
    }

    /**
     * The key a document asks for, as a ciphertext for provider {@code providerId} ({@code current} when it
     * exists now); {@code field} names it in errors.
     */
    SecretRef resolve(String value, String providerId, Optional<Provider> current, String field) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!isMask(value)) {
            return cipher.encrypt(value, SecretOwner.providerApiKey(providerId));
        }
        if (current.isPresent()) {
            Provider now = current.get();
            if (value.equals(mask(now))) {
                return now.apiKey();
            }
            for (SecretRef earlier : earlierKeys(now.id())) {
                String plaintext = cipher.decrypt(earlier, SecretOwner.providerApiKey(now.id()));
                if (value.equals(fingerprints.mask(plaintext))) {
                    return earlier;
                }
            }
        }
        throw InvalidCommandException.of(field, "is a mask of no key this provider has had: write the key itself "
                + "(or ${env:NAME} with the CLI) to set a new one");
    }

    /** Every key the provider has had, newest first, as stored in its events. */
    private List<SecretRef> earlierKeys(String providerId) {
        List<SecretRef> keys = new ArrayList<>();
        events.readEvents(providerId).asStream().forEach(event -> {
            Object payload = event.getPayload();
            if (payload instanceof ProviderRegistered registered && registered.apiKey() != null) {
                keys.add(0, registered.apiKey());
            } else if (payload instanceof ProviderApiKeyRotated rotated && rotated.apiKey() != null) {
                keys.add(0, rotated.apiKey());
            }
        });
        return keys;
    }
}
