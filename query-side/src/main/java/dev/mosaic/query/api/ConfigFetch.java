package dev.mosaic.query.api;

/**
 * An agent's plain {@code GET /api/internal/agent-config/{name}} with its own token, answered from memory by whichever
 * layer of the web server gets to it first (every agent polls it all day).
 */
public interface ConfigFetch {
    String PREFIX = "/api/internal/agent-config/";

    /**
     * The answer to a GET of this raw path (no query) with these headers, or null when it is not an active agent's
     * plain fetch with its own token: the regular chain then authenticates and answers (problems included).
     */
    Answer answer(String rawPath, String authorization, String ifNoneMatch);

    /** 200 with the document, or 304 (body null); the headers every answer carries. */
    record Answer(int status, String etag, String version, byte[] body) {
        public static final String VERSION_HEADER = "X-Config-Version";
        public static final String CACHE_CONTROL = "no-cache";
    }
}
