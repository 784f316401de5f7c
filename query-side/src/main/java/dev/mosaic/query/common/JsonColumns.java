package dev.mosaic.query.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import dev.mosaic.query.api.KeptInStore;
import org.springframework.stereotype.Component;

/**
 * Reads and writes the {@code jsonb} columns of the views and the history snapshots. Unlike API answers, the
 * stored form keeps the properties marked {@link KeptInStore} (secrets' ciphertexts and hashes), and a property
 * a newer record no longer has is skipped rather than refused (the next replay drops it).
 */
@Component
public class JsonColumns {
    private final ObjectMapper mapper;

    JsonColumns(ObjectMapper mapper) {
        this.mapper = storedForm(mapper);
    }

    /** A copy of {@code mapper} that writes and reads {@link KeptInStore} properties despite their {@code @JsonIgnore}. */
    public static ObjectMapper storedForm(ObjectMapper mapper) {
        return mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
            @Override
            public boolean hasIgnoreMarker(AnnotatedMember member) {
                return !member.hasAnnotation(KeptInStore.class) && super.hasIgnoreMarker(member);
            }
        });
    }

    public String write(Object value) {
        try {
            return value == null ? null : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public byte[] writeBytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public <T> T read(String json, TypeReference<T> type) {
        try {
            return json == null ? null : mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt json column", e);
        }
    }

    public <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt json column", e);
        }
    }

    public <T> T read(byte[] json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("corrupt json column", e);
        }
    }
}
