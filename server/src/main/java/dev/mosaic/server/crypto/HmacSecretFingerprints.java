package dev.mosaic.server.crypto;

import dev.mosaic.events.secret.SecretFingerprints;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/** HMAC-SHA-256 under a key derived from the encryption keyset; the first 12 hex digits make the mask. */
class HmacSecretFingerprints implements SecretFingerprints {
    private final SecretKeySpec key;

    HmacSecretFingerprints(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    @Override
    public String mask(String plaintext) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JRE", e);
        }
    }
}
