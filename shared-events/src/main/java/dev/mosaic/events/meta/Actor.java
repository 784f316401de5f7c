package dev.mosaic.events.meta;

import java.util.Optional;

/**
 * Who issued a command: {@code id} is {@code user:<id>}, {@code oidc:<sub>}, {@code agent:<name>}, {@code cli}
 * or {@code system}; {@code name} is what a human reads.
 */
public record Actor(String id, String name) {
    public static final Actor SYSTEM = new Actor("system", "system");
    public static final Actor CLI = new Actor("cli", "command line");
    public static final Actor ANONYMOUS = new Actor("anonymous", "anonymous");
    /** The staged rollout deciding on its own (its waves, its automatic rollback). */
    public static final Actor ROLLOUT = new Actor("rollout", "rollout");

    private static final String BREAKGLASS_USER = "user:";

    public static Actor breakglassUser(String userId, String username) {
        return new Actor(BREAKGLASS_USER + userId, username);
    }

    /** The breakglass user's id when this actor is one (then {@code name} is the username), else empty. */
    public Optional<String> breakglassUserId() {
        return id.startsWith(BREAKGLASS_USER) ? Optional.of(id.substring(BREAKGLASS_USER.length())) : Optional.empty();
    }
}
