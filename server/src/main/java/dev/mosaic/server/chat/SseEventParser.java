package dev.mosaic.server.chat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * An incremental parser of a {@code text/event-stream} body, as the HTML standard's "event stream
 * interpretation" reads it: lines end in CR, LF or CRLF (also when split across chunks), {@code :} starts a
 * comment, a blank line dispatches the event, an event with no data is dropped. Only {@code event} and
 * {@code data} matter to the proxy; {@code id} and {@code retry} are read and ignored.
 */
final class SseEventParser {
    private final BiConsumer<String, String> onEvent;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String type = "";
    private boolean lastWasCarriageReturn;

    /** {@code onEvent} receives each event's type ("message" when none was given) and data. */
    SseEventParser(BiConsumer<String, String> onEvent) {
        this.onEvent = onEvent;
    }

    void feed(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n' && lastWasCarriageReturn) {
                lastWasCarriageReturn = false;
                start = i + 1;
            } else if (b == '\n' || b == '\r') {
                line.write(bytes, start, i - start);
                endOfLine();
                lastWasCarriageReturn = b == '\r';
                start = i + 1;
            } else {
                lastWasCarriageReturn = false;
            }
        }
        line.write(bytes, start, end - start);
    }

    private void endOfLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.charAt(0) == ':') {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + (colon + 1 < text.length() && text.charAt(colon + 1) == ' ' ? 2 : 1));
        if (field.equals("data")) {
            if (hasData) {
                data.append('\n');
            }
            data.append(value);
            hasData = true;
        } else if (field.equals("event")) {
            type = value;
        }
    }

    private void dispatch() {
        if (hasData) {
            onEvent.accept(type.isEmpty() ? "message" : type, data.toString());
        }
        data.setLength(0);
        hasData = false;
        type = "";
    }
}
