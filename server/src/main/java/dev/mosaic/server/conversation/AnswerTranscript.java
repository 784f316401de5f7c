package dev.mosaic.server.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer as it arrived from the gateway: the data of each streamed event (or the whole JSON answer), and how
 * it ended. Recording costs the streaming path one list append per event; the text is put together later, off
 * that path ({@link #text}). Past {@link #MAX_CHARS} characters the rest is not kept.
 */
public final class AnswerTranscript {
    static final int MAX_CHARS = 1_000_000;
    private final List<String> events = new ArrayList<>();
    private int chars;
    private String whole;
    private String failure;
    private boolean complete;

    public synchronized void event(String data) {
        if (chars < MAX_CHARS && !data.equals("[DONE]")) {
            events.add(data);
            chars += data.length();
        }
    }

    public synchronized void whole(String body) {
        whole = body;
    }

    public synchronized void completed() {
        complete = true;
    }

    /** The first failure counts; later ones are consequences of it. */
    public synchronized void failed(String message) {
        if (failure == null) {
            failure = message;
        }
    }

    synchronized String status() {
        return failure != null ? ConversationMessage.FAILED : complete ? ConversationMessage.COMPLETE : ConversationMessage.STOPPED;
    }

    synchronized String failure() {
        return failure;
    }

    /** The answer's text: the streamed deltas' content in order, or the whole answer's message content. */
    synchronized String text(ObjectMapper json) {
        StringBuilder text = new StringBuilder();
        if (whole != null) {
            JsonNode answer = parse(json, whole);
            text.append(answer.path("choices").path(0).path("message").path("content").asText(""));
        }
        for (String data : events) {
            JsonNode delta = parse(json, data).path("choices").path(0).path("delta").path("content");
            if (delta.isTextual()) {
                text.append(delta.asText());
            }
        }
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text.toString();
    }

    private static JsonNode parse(ObjectMapper json, String data) {
        try {
            return json.readTree(data);
        } catch (IOException e) {
            return json.missingNode(); // a gateway event that is not JSON adds no text
        }
    }
}
