package dev.mosaic.events.secret;

/** Encrypts and decrypts secrets; implemented by the server with Tink (envelope encryption). */
public interface SecretCipher {
    SecretRef encrypt(String plaintext, SecretOwner owner);

    String decrypt(SecretRef secret, SecretOwner owner);
}
