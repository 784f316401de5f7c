package dev.mosaic.server.crypto;

import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;
import dev.mosaic.server.startup.StartupException;
import dev.mosaic.server.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Re-wrapping the keyset: old ciphertexts decrypt under the new master key; the old key no longer opens it. */
class MasterKeyRotationTest {
    private static final String OLD = "the-old-master-key-0123456789abcdefghij";
    private static final String NEW = "the-new-master-key-0123456789abcdefghij";

    @Test
    void afterRotationTheNewKeyDecryptsOldSecretsAndTheOldKeyIsRefused() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(TestDatabase.fresh(), TestDatabase.user(),
                TestDatabase.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        SecretOwner owner = SecretOwner.providerApiKey("p1");
        SecretRef secret = new TinkSecretCipher(new KeysetStore(jdbc).loadOrCreate(MasterKey.derive(OLD)))
                .encrypt("sk-rotated", owner);
        byte[] before = jdbc.sql("select wrapped_keyset from encryption_keyset").query(byte[].class).single();

        new MasterKeyRotation(jdbc).rotate(OLD, NEW);

        byte[] after = jdbc.sql("select wrapped_keyset from encryption_keyset").query(byte[].class).single();
        assertThat(after).isNotEqualTo(before);
        assertThat(new TinkSecretCipher(new KeysetStore(jdbc).loadOrCreate(MasterKey.derive(NEW))).decrypt(secret, owner))
                .isEqualTo("sk-rotated");
        assertThatThrownBy(() -> new KeysetStore(jdbc).loadOrCreate(MasterKey.derive(OLD)))
                .isInstanceOf(StartupException.class).hasMessageContaining("MOSAIC_SECRET_KEY");
        // a second rotation from the (now wrong) old key is refused and changes nothing
        assertThatThrownBy(() -> new MasterKeyRotation(jdbc).rotate(OLD, "yet-another-master-key-0123456789abcdef"))
                .hasMessageContaining("not the current master key");
        assertThat(jdbc.sql("select wrapped_keyset from encryption_keyset").query(byte[].class).single()).isEqualTo(after);
        assertThatThrownBy(() -> new MasterKeyRotation(jdbc).rotate(NEW, NEW)).hasMessageContaining("is the current one");
    }
}
