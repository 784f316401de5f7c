package dev.mosaic.server.crypto;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Changes {@code MOSAIC_SECRET_KEY}: the Tink keyset row is re-wrapped with the key derived from the new master
 * key. Events and projections keep their ciphertexts. Servers already running keep working (they hold the
 * unwrapped keyset) and must be restarted with the new key.
 */
@Component
public class MasterKeyRotation {
    private final JdbcClient jdbc;

    MasterKeyRotation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void rotate(String currentSecret, String newSecret) {
        MasterKey current = MasterKey.derive(currentSecret);
        MasterKey next = MasterKey.derive(newSecret);
        if (current.checkValue().equals(next.checkValue())) {
            throw new IllegalArgumentException("the new master key is the current one");
        }
        new KeysetStore(jdbc).rewrap(current, next);
    }
}
