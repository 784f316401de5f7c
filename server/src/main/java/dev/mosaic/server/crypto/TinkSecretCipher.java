package dev.mosaic.server.crypto;

import com.google.crypto.tink.Aead;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** AES-256-GCM through Tink; the owner and field are bound as associated data. */
class TinkSecretCipher implements SecretCipher {
    private final Aead aead;

    TinkSecretCipher(Aead aead) {
        this.aead = aead;
    }

    @Override
    public SecretRef encrypt(String plaintext, SecretOwner owner) {
        try {
            byte[] ciphertext = aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), ad(owner));
            return new SecretRef(SecretRef.PREFIX + Base64.getEncoder().encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed for " + owner.associatedData(), e);
        }
    }

    @Override
    public String decrypt(SecretRef secret, SecretOwner owner) {
        byte[] ciphertext = Base64.getDecoder().decode(secret.ciphertext().substring(SecretRef.PREFIX.length()));
        try {
            return new String(aead.decrypt(ciphertext, ad(owner)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a secret of " + owner.associatedData() + " does not decrypt", e);
        }
    }

    private static byte[] ad(SecretOwner owner) {
        return owner.associatedData().getBytes(StandardCharsets.UTF_8);
    }
}
