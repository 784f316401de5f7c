package dev.mosaic.server.chat;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseEventParserTest {
    private final List<String> events = new ArrayList<>();
    private final SseEventParser parser = new SseEventParser((type, data) -> events.add(type + "|" + data));

    private void feed(String... chunks) {
        for (String chunk : chunks) {
            byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
            parser.feed(bytes, 0, bytes.length);
        }
    }

    @Test
    void readsOpenAiStyleChunksAndTheDoneMarker() {
        feed("data: {\"a\":1}\n\ndata: [DONE]\n\n");

        assertThat(events).containsExactly("message|{\"a\":1}", "message|[DONE]");
    }

    @Test
    void anEventIsDispatchedOnlyAtItsBlankLineWhereverTheChunksAreCut() {
        feed("da", "ta: [DO", "NE]\r");
        assertThat(events).isEmpty();

        feed("\n", "\r\n");

        assertThat(events).containsExactly("message|[DONE]");
    }

    @Test
    void followsTheStandardForFieldsCommentsAndLineEndings() {
        feed(": keep-alive\r\rdata:no space\ndata:  two spaces\revent: error\r\n\r\n", "id: 7\nretry: 10\n\ndata\n\n");

        assertThat(events).containsExactly("error|no space\n two spaces", "message|");
    }

    @Test
    void doneInsideAnotherEventsDataOrACommentIsNotTheEnd() {
        feed(": [DONE]\n\ndata: {\"content\":\"data: [DONE]\"}\n\n", "data: [DONE]");

        assertThat(events).containsExactly("message|{\"content\":\"data: [DONE]\"}");
    }

    @Test
    void decodesMultiByteCharactersSplitAcrossChunks() {
        byte[] bytes = "data: héllo\n\n".getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, 8);
        parser.feed(bytes, 8, bytes.length - 8);

        assertThat(events).containsExactly("message|héllo");
    }
}
