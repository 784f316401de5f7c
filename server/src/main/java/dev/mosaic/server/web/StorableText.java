package dev.mosaic.server.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import java.io.IOException;

/**
 * Strings of request bodies as PostgreSQL can store them: a NUL character is refused while the body is read,
 * so the failure names the field (Jackson adds the path) instead of surfacing as a failed write later.
 */
final class StorableText extends StdScalarDeserializer<String> {
    static final String MESSAGE = "must not contain NUL (\\u0000) characters";

    StorableText() {
        super(String.class);
    }

    static boolean storable(String value) {
        return value == null || value.indexOf('\0') < 0;
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = StringDeserializer.instance.deserialize(parser, context);
        if (!storable(value)) {
            throw new Refused(parser);
        }
        return value;
    }

    /** Carries no copy of the refused value: it may be a secret. */
    static final class Refused extends InvalidFormatException {
        Refused(JsonParser parser) {
            super(parser, "text " + MESSAGE, null, String.class);
        }
    }
}
