package dev.mosaic.server.rollout;

import dev.mosaic.events.provider.ProviderType;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.query.api.FleetHistory;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.api.Provider;
import dev.mosaic.query.api.RolloutView;
import dev.mosaic.server.providertest.ProviderProbe;
import org.springframework.stereotype.Component;

import java.util.Objects;

/**
 * Before the first wave of a {@code verify: chat} rollout: every provider key the change introduces is tested
 * against its provider (as {@code POST /api/providers/{id}/test} does), so a key the provider refuses fails the
 * rollout before any agent is served.
 */
@Component
class KeyPreflight {
    private final FleetHistory history;
    private final SecretCipher cipher;
    private final ProviderProbe probe;

    KeyPreflight(FleetHistory history, SecretCipher cipher, ProviderProbe probe) {
        this.history = history;
        this.cipher = cipher;
        this.probe = probe;
    }

    /** Why a new key was refused (naming the provider, never the key), or null when every new key works. */
    String refusedKey(RolloutView rollout) {
        long before = rollout.settings().firstSeq() - 1;
        FleetState then = before < 1 ? null : history.at(before);
        FleetState changed = history.at(rollout.cause().seq());
        for (Provider provider : changed.providers()) {
            if (provider.apiKey() == null) {
                continue;
            }
            String key = cipher.decrypt(provider.apiKey(), SecretOwner.providerApiKey(provider.id()));
            Provider old = then == null ? null : then.provider(provider.id()).orElse(null);
            String oldKey = old == null || old.apiKey() == null ? null
                    : cipher.decrypt(old.apiKey(), SecretOwner.providerApiKey(old.id()));
            if (Objects.equals(key, oldKey)) {
                continue;
            }
            ProviderProbe.Result result = probe.probe(ProviderType.fromWireName(provider.type())
                            .orElse(ProviderType.CUSTOM), provider.effectiveBaseUrl(), provider.apiType(), key);
            if (!result.ok()) {
                return "provider " + provider.name() + " refused its new key"
                        + (result.error() == null ? "" : ": " + result.error());
            }
        }
        return null;
    }
}
