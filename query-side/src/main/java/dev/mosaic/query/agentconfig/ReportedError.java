package dev.mosaic.query.agentconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.query.api.AgentConfig;
import dev.mosaic.query.api.InvalidQueryParameterException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An agent's own account of why it could not apply a version: untrusted text that is stored, logged and shown to
 * people. At most {@value #MAX_LENGTH} characters on one line (no control characters, line or paragraph separators
 * or bidirectional overrides, which could forge log lines or disguise text); anything else is refused with 400
 * naming the field. Secrets the agent was served (its token, its providers' keys) are replaced by
 * {@value #REDACTED} in case a gateway's message quoted one.
 */
final class ReportedError {
    static final int MAX_LENGTH = 500;
    static final String REDACTED = "[redacted]";
    /** Shorter strings are not worth hiding (and would mangle ordinary words). */
    private static final int SHORTEST_SECRET = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportedError() {
    }

    /** The text to store (null when none was given or it is empty); throws naming {@code field} when refused. */
    static String check(String field, String text, AgentConfig servedTo) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidQueryParameterException(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (text.codePoints().anyMatch(ReportedError::refused)) {
            throw new InvalidQueryParameterException(field,
                    "must be one line of text (no control characters, line breaks or bidirectional overrides)");
        }
        return redact(text, servedTo);
    }

    private static boolean refused(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    /** The text with every secret the agent was served replaced, still at most {@value #MAX_LENGTH} characters. */
    static String redact(String text, AgentConfig servedTo) {
        String result = text;
        for (String secret : secretsOf(servedTo)) {
            result = result.replace(secret, REDACTED);
        }
        if (result.length() > MAX_LENGTH) { // a replaced secret shorter than the marker
            int end = Character.isHighSurrogate(result.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
            result = result.substring(0, end);
        }
        return result;
    }

    /** The agent's token and every provider key in its served document, longest first. */
    private static List<String> secretsOf(AgentConfig config) {
        List<String> secrets = new ArrayList<>();
        if (config.token() != null) {
            secrets.add(config.token());
        }
        try {
            JsonNode document = JSON.readTree(config.document());
            secrets.add(document.at("/gateway/auth/token").asText(""));
            document.at("/models/providers").forEach(provider -> secrets.add(provider.path("apiKey").asText("")));
        } catch (IOException e) {
            // a served document is always JSON; without it the token alone is hidden
        }
        return secrets.stream().filter(s -> s.length() >= SHORTEST_SECRET).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }
}
