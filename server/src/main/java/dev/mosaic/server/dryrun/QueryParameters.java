package dev.mosaic.server.dryrun;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A parameter of the query string (never a form body), its name and value percent-decoded as the controllers see
 * them: {@code ?%64ryRun=true} is {@code dryRun}, so a preview or a proposal is never mistaken for a plain write.
 */
public final class QueryParameters {
    private QueryParameters() {
    }

    /** The first value of {@code name} ("" when it has none), or null when it is absent. */
    public static String first(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (key.equals(name)) {
                return equals < 0 ? "" : decode(pair.substring(equals + 1));
            }
        }
        return null;
    }

    /** Percent-decoded; malformed escapes are left as they are. */
    public static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // malformed escapes: left as they are (and so unknown to every check)
        }
    }
}
