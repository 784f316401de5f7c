package dev.mosaic.server.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Hkdf;
import dev.mosaic.server.startup.StartupException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * The Tink AEAD keyset that encrypts every secret, stored in {@code encryption_keyset} wrapped by the key
 * derived from the master key. Created on first start; a different master key later is refused.
 */
final class KeysetStore {
    private static final byte[] KEYSET_AD = "mosaic/keyset/v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FINGERPRINT_SALT = "mosaic/fingerprint/v1".getBytes(StandardCharsets.UTF_8);

    private final JdbcClient jdbc;

    KeysetStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Aead loadOrCreate(MasterKey masterKey) {
        return unlock(masterKey).aead();
    }

    /** The keyset's AEAD and the HMAC key of secret fingerprints, derived from the keyset's own key material. */
    record Unlocked(Aead aead, byte[] fingerprintKey) {
    }

    Unlocked unlock(MasterKey masterKey) {
        try {
            AeadConfig.register();
            Aead wrapping = new AesGcmJce(masterKey.keyEncryptionKey());
            if (stored().isEmpty()) {
                KeysetHandle fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(fresh, wrapping, KEYSET_AD);
                jdbc.sql("insert into encryption_keyset (id, wrapped_keyset, key_check) values (1, ?, ?) on conflict do nothing")
                        .params(wrapped, masterKey.checkValue()).update();
            }
            StoredKeyset keyset = stored().orElseThrow();
            if (!keyset.keyCheck().equals(masterKey.checkValue())) {
                throw new StartupException("MOSAIC_SECRET_KEY does not match the key this database was initialised "
                        + "with (key check value " + masterKey.checkValue() + " differs from the stored "
                        + keyset.keyCheck() + "). Start with the original MOSAIC_SECRET_KEY.");
            }
            KeysetHandle handle = TinkProtoKeysetFormat.parseEncryptedKeyset(keyset.wrapped(), wrapping, KEYSET_AD);
            return new Unlocked(handle.getPrimitive(RegistryConfiguration.get(), Aead.class), fingerprintKey(handle));
        } catch (GeneralSecurityException e) {
            throw new StartupException("the encryption keyset cannot be unwrapped with MOSAIC_SECRET_KEY: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Re-wraps the keyset with a new master key: the keys inside stay the same, so no ciphertext changes. Refuses
     * when {@code oldKey} is not the key the keyset is wrapped with now.
     */
    void rewrap(MasterKey oldKey, MasterKey newKey) {
        try {
            AeadConfig.register();
            StoredKeyset keyset = stored().orElseThrow(() -> new IllegalStateException("no encryption keyset stored yet"));
            if (!keyset.keyCheck().equals(oldKey.checkValue())) {
                throw new IllegalStateException("MOSAIC_SECRET_KEY is not the current master key (key check value "
                        + oldKey.checkValue() + " differs from the stored " + keyset.keyCheck() + ")");
            }
            KeysetHandle handle = TinkProtoKeysetFormat.parseEncryptedKeyset(keyset.wrapped(),
                    new AesGcmJce(oldKey.keyEncryptionKey()), KEYSET_AD);
            byte[] rewrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(handle,
                    new AesGcmJce(newKey.keyEncryptionKey()), KEYSET_AD);
            int updated = jdbc.sql("update encryption_keyset set wrapped_keyset = ?, key_check = ? where id = 1 and key_check = ?")
                    .params(rewrapped, newKey.checkValue(), oldKey.checkValue()).update();
            if (updated != 1) {
                throw new IllegalStateException("the keyset changed while it was being re-wrapped; try again");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the keyset cannot be re-wrapped: " + e.getMessage(), e);
        }
    }

    /** Stable across master-key rotations (the keys inside the keyset do not change). */
    private static byte[] fingerprintKey(KeysetHandle handle) throws GeneralSecurityException {
        byte[] material = TinkProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        return Hkdf.computeHkdf("HMACSHA256", material, FINGERPRINT_SALT,
                "mosaic/secret-fingerprint".getBytes(StandardCharsets.UTF_8), 32);
    }

    private Optional<StoredKeyset> stored() {
        return jdbc.sql("select wrapped_keyset, key_check from encryption_keyset where id = 1")
                .query((rs, n) -> new StoredKeyset(rs.getBytes(1), rs.getString(2))).optional();
    }

    private record StoredKeyset(byte[] wrapped, String keyCheck) {
    }
}
