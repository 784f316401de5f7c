package dev.mosaic.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.mosaic.query.api.ConfigChange;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Field-level differences of two JSON documents, each at its JSON Pointer (RFC 6901). */
final class JsonDiff {
    private JsonDiff() {
    }

    public static List<ConfigChange> diff(JsonNode from, JsonNode to) {
        List<ConfigChange> changes = new ArrayList<>();
        diff("", from == null ? MissingNode.getInstance() : from, to == null ? MissingNode.getInstance() : to, changes);
        return changes;
    }

    private static void diff(String path, JsonNode from, JsonNode to, List<ConfigChange> changes) {
        if (from.equals(to)) {
            return;
        }
        if (from.isMissingNode()) {
            changes.add(new ConfigChange(path, "added", null, to));
        } else if (to.isMissingNode()) {
            changes.add(new ConfigChange(path, "removed", from, null));
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
            changes.add(new ConfigChange(path, "changed", from, to));
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

}
