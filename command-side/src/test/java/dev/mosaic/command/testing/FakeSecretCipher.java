package dev.mosaic.command.testing;

import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Not encryption: {@code enc:v1:} + base64 of the owner and the reversed plaintext. It is reversible, so tests
 * can decrypt, and the plaintext never appears in the ciphertext, so tests can assert it is absent from events.
 */
public class FakeSecretCipher implements SecretCipher {
    @Override
    public SecretRef encrypt(String plaintext, SecretOwner owner) {
        String sealed = owner.associatedData() + "\n" + new StringBuilder(plaintext).reverse();
        return new SecretRef(SecretRef.PREFIX
                + Base64.getEncoder().encodeToString(sealed.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String decrypt(SecretRef secret, SecretOwner owner) {
        String sealed = new String(Base64.getDecoder().decode(secret.ciphertext().substring(SecretRef.PREFIX.length())),
                StandardCharsets.UTF_8);
        int newline = sealed.indexOf('\n');
        if (!sealed.substring(0, newline).equals(owner.associatedData())) {
            throw new IllegalArgumentException("ciphertext belongs to another owner");
        }
        return new StringBuilder(sealed.substring(newline + 1)).reverse().toString();
    }
}
