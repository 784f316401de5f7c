package dev.mosaic.server.fleetcli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${env:NAME}} in a fleet document, replaced by the variable of the CLI's environment (never by the
 * server, which sees only the result). The document is read as YAML (JSON is YAML too) and sent as JSON, so a
 * value with quotes, colons or line breaks cannot change the document's structure. A variable that is not set
 * is an error naming it and where it is used.
 */
final class EnvSecrets {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private EnvSecrets() {
    }

    /** The document as JSON with every reference replaced. */
    static String resolve(String document, Map<String, String> env) {
        JsonNode tree;
        try {
            tree = YAML.readTree(document);
        } catch (JsonProcessingException e) {
            throw new FleetCliException("the document is not well-formed YAML or JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new FleetCliException("the document is empty");
        }
        try {
            return JSON.writeValueAsString(replace(tree, env, ""));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode replace(JsonNode node, Map<String, String> env, String path) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                field.setValue(replace(field.getValue(), env, path.isEmpty() ? field.getKey() : path + "." + field.getKey()));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replace(array.get(i), env, path + "[" + i + "]"));
            }
            return array;
        }
        if (node.isTextual() && node.asText().contains("${env:")) {
            Matcher matcher = REFERENCE.matcher(node.asText());
            StringBuilder resolved = new StringBuilder();
            while (matcher.find()) {
                String value = env.get(matcher.group(1));
                if (value == null) {
                    throw new FleetCliException("environment variable " + matcher.group(1) + " is not set (used at "
                            + path + ")");
                }
                matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(resolved);
            return TextNode.valueOf(resolved.toString());
        }
        return node;
    }
}
