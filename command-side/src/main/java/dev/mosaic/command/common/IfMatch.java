package dev.mosaic.command.common;

/** Reads an {@code If-Match} header holding an entity's ETag, {@code "<version>"}. */
public final class IfMatch {
    private IfMatch() {
    }

    /**
     * The version the client expects, or null when it sent no precondition or {@code *}. A tag that cannot be
     * this entity's version yields -1, which never matches, so the write is refused with 412.
     */
    public static Long expectedVersion(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String tag = header.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
