package dev.mosaic.command.breakglass;

import dev.mosaic.command.api.Violations;

/** Breakglass passwords: 12 to 256 characters (bcrypt reads at most 72 bytes; longer is refused, not cut). */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    static void check(Violations v, String field, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            v.add(field, "must be at least 12 characters");
        } else {
            v.check(password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_BYTES, field,
                    "must be at most 72 bytes");
        }
    }
}
