package dev.mosaic.server.fleetfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mosaic.server.testing.Api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fleet documents for tests: written as a client would (YAML or JSON), sent and read back. */
final class FleetDocs {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private FleetDocs() {
    }

    static Map<String, Object> doc(Map<String, Object> providers, Map<String, Object> agents) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "mosaic/v1");
        doc.put("kind", "Fleet");
        if (providers != null) {
            doc.put("providers", providers);
        }
        if (agents != null) {
            doc.put("agents", agents);
        }
        return doc;
    }

    static Map<String, Object> provider(String displayName, String key, String... models) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("displayName", displayName);
        p.put("type", "openai");
        p.put("apiKey", key);
        p.put("models", java.util.Arrays.stream(models).map(m -> Map.of("id", m, "name", m.toUpperCase())).toList());
        return p;
    }

    static Map<String, Object> agent(String displayName, String provider, String model) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("displayName", displayName);
        a.put("gatewayUrl", "http://127.0.0.1:18789");
        a.put("model", Map.of("provider", provider, "primary", model, "fallbacks", List.of()));
        return a;
    }

    static String yaml(Object doc) {
        try {
            return YAML.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(Object doc) {
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Api.Response putYaml(Api api, String query, String yaml, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/yaml";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return api.sendRaw("PUT", "/api/fleet" + query, yaml, all);
    }

    static Api.Response putJson(Api api, String query, String json, String... headers) {
        return api.sendRaw("PUT", "/api/fleet" + query, json, headers);
    }

    /** The export as YAML text, with its ETag seq. */
    record Export(String yaml, long seq) {
        ObjectNode tree() {
            try {
                return (ObjectNode) YAML.readTree(yaml);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static Export export(Api api) {
        Api.Response r = api.get("/api/fleet", "Accept", "application/yaml");
        if (r.status() != 200) {
            throw new AssertionError(r.toString());
        }
        return new Export(r.body(), Long.parseLong(r.header("ETag").replace("\"", "")));
    }

    static JsonNode tree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
