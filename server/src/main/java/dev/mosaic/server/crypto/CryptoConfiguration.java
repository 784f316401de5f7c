package dev.mosaic.server.crypto;

import dev.mosaic.events.secret.SecretCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration
class CryptoConfiguration {

    /** Created at start, so a wrong master key stops the server before it serves anything. */
    @Bean
    SecretCipher secretCipher(@Value("${mosaic.secret-key:}") String secretKey, JdbcClient jdbc) {
        return new TinkSecretCipher(new KeysetStore(jdbc).loadOrCreate(MasterKey.derive(secretKey)));
    }
}
