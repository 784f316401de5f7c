package dev.mosaic.server.crypto;

import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretFingerprints;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration
class CryptoConfiguration {

    /** Created at start, so a wrong master key stops the server before it serves anything. */
    @Bean
    KeysetStore.Unlocked unlockedKeyset(@Value("${mosaic.secret-key:}") String secretKey, JdbcClient jdbc) {
        return new KeysetStore(jdbc).unlock(MasterKey.derive(secretKey));
    }

    @Bean
    SecretCipher secretCipher(KeysetStore.Unlocked keyset) {
        return new TinkSecretCipher(keyset.aead());
    }

    @Bean
    SecretFingerprints secretFingerprints(KeysetStore.Unlocked keyset) {
        return new HmacSecretFingerprints(keyset.fingerprintKey());
    }
}
