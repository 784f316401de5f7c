package dev.mosaic.events.secret;

/** An encrypted secret in its stored form {@code enc:v1:<base64>}; never holds plaintext. */
public record SecretRef(String ciphertext) {
    public static final String PREFIX = "enc:v1:";

    public SecretRef {
        if (ciphertext == null || !ciphertext.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a SecretRef holds only " + PREFIX + " ciphertexts");
        }
    }

    @Override
    public String toString() {
        return "SecretRef[encrypted]";
    }
}
