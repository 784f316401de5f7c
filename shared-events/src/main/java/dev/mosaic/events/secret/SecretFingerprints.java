package dev.mosaic.events.secret;

/**
 * Stable, non-reversible stand-ins for secrets in documents shown to people: the same secret always gives the
 * same mask, so a reader sees that a key changed without seeing it. Implemented by the server (a keyed HMAC
 * under a key derived from the encryption keyset, so a mask cannot be checked against guesses offline).
 */
public interface SecretFingerprints {
    String PREFIX = "secret:";

    /** {@code secret:<first 12 hex digits of HMAC-SHA-256(plaintext)>}. */
    String mask(String plaintext);
}
