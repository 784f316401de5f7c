package dev.mosaic.command.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects rule violations of one command so the caller learns about every bad field at once. */
public final class Violations {
    public static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
    public static final String NAME_MESSAGE =
            "must be 2-63 characters of lower-case letters, digits and '-', starting with a letter or digit";
    public static final int DISPLAY_NAME_MAX = 100;

    private final List<FieldViolation> found = new ArrayList<>();

    public Violations add(String field, String message) {
        found.add(new FieldViolation(field, message));
        return this;
    }

    public Violations check(boolean ok, String field, String message) {
        if (!ok) {
            add(field, message);
        }
        return this;
    }

    public Violations name(String field, String value) {
        if (value == null || value.isEmpty()) {
            return add(field, "is required");
        }
        return check(NAME.matcher(value).matches(), field, NAME_MESSAGE);
    }

    public Violations displayName(String field, String value) {
        if (value == null || value.isBlank()) {
            return add(field, "is required");
        }
        return check(value.length() <= DISPLAY_NAME_MAX, field, "must be at most 100 characters");
    }

    public Violations optionalText(String field, String value, int max) {
        return check(value == null || value.length() <= max, field, "must be at most " + max + " characters");
    }

    public Violations httpUrl(String field, String value) {
        if (value == null || value.isEmpty()) {
            return add(field, "is required");
        }
        return check(isHttpUrl(value), field, "must be an absolute http(s) URL");
    }

    public Violations optionalHttpUrl(String field, String value) {
        return value == null ? this : httpUrl(field, value);
    }

    /**
     * A secret that is sent in an HTTP header (an API key): visible ASCII only. A pasted newline, a NUL or a
     * non-ASCII character would make every request with it fail, so such a key is refused when it arrives.
     */
    public Violations headerSafeSecret(String field, String value) {
        return check(value == null || isHeaderSafe(value), field,
                "must be visible ASCII characters only (no spaces, line breaks or control characters)");
    }

    public static boolean isHeaderSafe(String value) {
        return value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidCommandException(found);
        }
    }

    static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
