package dev.mosaic.server.crypto;

import com.google.crypto.tink.subtle.Hkdf;
import dev.mosaic.server.startup.StartupSettings;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keys derived from {@code MOSAIC_SECRET_KEY} with HKDF-SHA256: the key-encryption key that wraps the
 * Tink keyset, and a key check value that tells a wrong master key apart before any decryption is tried.
 */
final class MasterKey {
    private static final byte[] SALT = "mosaic/master-key/v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] keyEncryptionKey;
    private final String checkValue;

    private MasterKey(byte[] keyEncryptionKey, String checkValue) {
        this.keyEncryptionKey = keyEncryptionKey;
        this.checkValue = checkValue;
    }

    static MasterKey derive(String secret) {
        StartupSettings.checkKey(secret);
        byte[] ikm = secret.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] kek = Hkdf.computeHkdf("HMACSHA256", ikm, SALT, info("kek"), 32);
            byte[] check = Hkdf.computeHkdf("HMACSHA256", ikm, SALT, info("key-check"), 8);
            return new MasterKey(kek, HexFormat.of().formatHex(check));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF-SHA256 is unavailable", e);
        }
    }

    private static byte[] info(String purpose) {
        return ("mosaic/" + purpose).getBytes(StandardCharsets.UTF_8);
    }

    byte[] keyEncryptionKey() {
        return keyEncryptionKey.clone();
    }

    String checkValue() {
        return checkValue;
    }
}
