package dev.mosaic.query.testing;

import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;

/** A cipher for unit tests: the "ciphertext" is the plaintext behind the prefix, so a test can see what it holds. */
public final class VisibleCipher implements SecretCipher {
    public static SecretRef sealed(String plaintext) {
        return new SecretRef(SecretRef.PREFIX + plaintext);
    }

    @Override
    public SecretRef encrypt(String plaintext, SecretOwner owner) {
        return sealed(plaintext);
    }

    @Override
    public String decrypt(SecretRef secret, SecretOwner owner) {
        return secret.ciphertext().substring(SecretRef.PREFIX.length());
    }
}
