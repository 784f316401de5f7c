package dev.mosaic.query.api;

/** What sign-in needs of a breakglass account. */
public record BreakglassCredential(String userId, String username, String passwordHash, boolean active) {
    @Override
    public String toString() {
        return "BreakglassCredential[" + username + "]";
    }
}
