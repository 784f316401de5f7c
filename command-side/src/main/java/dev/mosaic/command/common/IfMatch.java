package dev.mosaic.command.common;

import org.springframework.http.ETag;

import java.util.List;

/** Reads an {@code If-Match} header holding an entity's ETag, {@code "<version>"}, with Spring's {@link ETag}. */
public final class IfMatch {
    private IfMatch() {
    }

    /**
     * The version the client expects, or null when it sent no precondition or {@code *}. Anything that is not
     * exactly one tag naming a version (a list, a malformed tag) yields -1, which never matches, so the write is
     * refused with 412. A weak tag is read like a strong one: the version is the same either way.
     */
    public static Long expectedVersion(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        List<ETag> tags = ETag.parse(header);
        if (tags.size() == 1 && tags.get(0).isWildcard()) {
            return null;
        }
        if (tags.size() != 1) {
            return -1L;
        }
        try {
            return Long.parseLong(tags.get(0).tag());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    public static String etag(long version) {
        return new ETag(Long.toString(version), false).formattedTag();
    }
}
