package dev.mosaic.command.api;

/**
 * {@code password} is plaintext here and hashed with bcrypt before it enters an event. {@code firstUser}
 * marks the account created by the onboarding wizard, of which there can be only one.
 */
public record CreateBreakglassUser(String userId, String username, String password, boolean firstUser) {
    @Override
    public String toString() {
        return "CreateBreakglassUser[" + userId + ", " + username + "]";
    }
}
