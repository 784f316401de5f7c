package dev.mosaic.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Field-level differences of two JSON documents, each at its JSON Pointer (RFC 6901). */
public final class JsonDiff {
    private JsonDiff() {
    }

    /** {@code from}/{@code to} are the values at {@code path} (null for an added or removed value). */
    @Schema(name = "JsonChange")
    public record Change(String path, @Schema(allowableValues = {"added", "removed", "changed"}) String op,
                         @Nullable JsonNode from, @Nullable JsonNode to) {
    }

    public static List<Change> diff(JsonNode from, JsonNode to) {
        List<Change> changes = new ArrayList<>();
        diff("", from == null ? MissingNode.getInstance() : from, to == null ? MissingNode.getInstance() : to, changes);
        return changes;
    }

    private static void diff(String path, JsonNode from, JsonNode to, List<Change> changes) {
        if (from.equals(to)) {
            return;
        }
        if (from.isMissingNode()) {
            changes.add(new Change(path, "added", null, to));
        } else if (to.isMissingNode()) {
            changes.add(new Change(path, "removed", from, null));
        } else if (from.isObject() && to.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            from.fieldNames().forEachRemaining(names::add);
            to.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(path + "/" + escape(name), from.path(name), to.path(name), changes);
            }
        } else if (from.isArray() && to.isArray()) {
            int size = Math.max(from.size(), to.size());
            for (int i = 0; i < size; i++) {
                diff(path + "/" + i, from.path(i), to.path(i), changes);
            }
        } else {
            changes.add(new Change(path, "changed", from, to));
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

}
