package dev.mosaic.query.audit;

import dev.mosaic.query.api.FieldChange;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.events.secret.SecretRef;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns an event into field changes against the entity's previous state. Secret fields (ciphertexts and
 * hashes) appear only as "changed" and are never kept in the audit state.
 */
final class FieldDiff {
    static final String CHANGED = "changed";
    private static final java.util.regex.Pattern CIPHERTEXT = java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(SecretRef.PREFIX) + "[A-Za-z0-9+/=]+");
    private static final Set<String> SECRET_NAMES = Set.of("tokenHash", "passwordHash", "apiKey", "token", "clientSecret");

    private FieldDiff() {
    }

    /** The event's fields (without the entity id) plus what its type implies, e.g. deactivated → active=false. */
    static Map<String, Object> fieldsOf(Object event, String idField, ObjectMapper mapper) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            String name = component.getName();
            if (name.equals(idField)) {
                continue;
            }
            Object value = read(component, event);
            fields.put(name, isSecret(component) ? new SecretMarker(value != null)
                    : withoutCiphertexts(mapper.convertValue(value, Object.class)));
        }
        String type = event.getClass().getSimpleName();
        if (type.endsWith("Registered") || type.endsWith("Created")) {
            fields.put("active", true);
        } else if (type.endsWith("Deactivated")) {
            fields.put("active", false);
        } else if (type.endsWith("Activated") || type.endsWith("Reactivated")) {
            fields.put("active", true);
        } else if (type.endsWith("Removed")) {
            fields.put("removed", true);
        }
        return fields;
    }

    static List<FieldChange> diff(Map<String, Object> before, Map<String, Object> fields) {
        List<FieldChange> changes = new ArrayList<>();
        fields.forEach((field, value) -> {
            if (value instanceof SecretMarker marker) {
                changes.add(new FieldChange(field, null, marker.set() ? CHANGED : "cleared"));
            } else if (!Objects.equals(before.get(field), value)) {
                changes.add(new FieldChange(field, before.get(field), value));
            }
        });
        return changes;
    }

    /** The state to keep after this event: previous state with the event's non-secret fields applied. */
    static Map<String, Object> apply(Map<String, Object> before, Map<String, Object> fields) {
        Map<String, Object> after = new LinkedHashMap<>(before);
        fields.forEach((field, value) -> {
            if (!(value instanceof SecretMarker)) {
                after.put(field, value);
            }
        });
        return after;
    }

    /** A secret sealed inside a larger value (a proposed operation's body) reads as "(encrypted)", never its ciphertext. */
    private static Object withoutCiphertexts(Object value) {
        if (value instanceof String text) {
            return text.contains(SecretRef.PREFIX) ? CIPHERTEXT.matcher(text).replaceAll("(encrypted)") : text;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, withoutCiphertexts(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(FieldDiff::withoutCiphertexts).toList();
        }
        return value;
    }

    private static boolean isSecret(RecordComponent component) {
        return component.getType() == SecretRef.class || SECRET_NAMES.contains(component.getName());
    }

    private static Object read(RecordComponent component, Object event) {
        try {
            return component.getAccessor().invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }

    record SecretMarker(boolean set) {
    }
}
