package dev.mosaic.events.meta;

/**
 * Who issued a command: {@code id} is {@code user:<id>}, {@code oidc:<sub>}, {@code agent:<name>}, {@code cli}
 * or {@code system}; {@code name} is what a human reads.
 */
public record Actor(String id, String name) {
    public static final Actor SYSTEM = new Actor("system", "system");
    public static final Actor CLI = new Actor("cli", "command line");
    public static final Actor ANONYMOUS = new Actor("anonymous", "anonymous");

    public static Actor breakglassUser(String userId, String username) {
        return new Actor("user:" + userId, username);
    }
}
