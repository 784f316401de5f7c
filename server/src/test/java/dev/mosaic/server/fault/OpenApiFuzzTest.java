package dev.mosaic.server.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.LogScan;
import dev.mosaic.server.testing.RawHttp;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fuzzer driven by Mosaic's own OpenAPI description: every operation gets wrong types, missing and null
 * fields, huge and control-character strings, duplicate keys, wrong and wildcard content types, junk path
 * segments and query values. No answer may be a 5xx, every 4xx is a problem document, and every 2xx write can be
 * read back.
 */
class OpenApiFuzzTest extends IntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PROBLEM = "application/problem+json";
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    /** Would end the fuzzer's own session, or count failed sign-ins that throttle every later test's admin. */
    private static final Set<String> SKIPPED = Set.of("POST /api/auth/logout", "POST /api/onboarding/complete");
    /** Only input refused before any credential is checked: failed sign-ins would throttle later tests' admin. */
    private static final Set<String> MALFORMED_ONLY = Set.of("POST /api/auth/login");
    /** A well-formed chat goes to the agent's gateway, which the fuzzer has none of (ChatProxyTest has one). */
    private static final Set<String> BODY_NOT_SAMPLED = Set.of("POST /api/chat/{agent}");
    private static final List<String> JUNK_SEGMENTS = List.of("..", "%2e%2e", "x;x=1", "a%2Fb", "%00", "%FF", "%zz",
            "%0a", "%C3%A9", "a".repeat(2000), "-1");
    private static final List<String> JUNK_QUERY = List.of("", "%00", "%FF", "-1", "abc", "99999999999999999999999",
            "-999999999-01-01T00:00:00Z", "x".repeat(3000), "%0d%0aX-Injected:%201", "%zz");
    private static final List<String> JUNK_STRINGS = List.of("", "a\u0000b", "line\nbreak\r\n", "\u0007\u001b[31m\u202e",
            "x".repeat(20_000), "../../etc/passwd", "\ud83d\ude00'; drop table provider_view; --");
    private static final List<String> CONTENT_TYPES = List.of("*/*", "application/*", "text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "application/json; charset=utf-16",
            "nonsense", "");

    private JsonNode components;
    private String session;
    private String xsrf;
    private String agentToken;
    private final Map<String, String> fixture = new LinkedHashMap<>();
    private final List<String> wrong = new ArrayList<>();
    private int requests;
    private int serverErrors;

    @Test
    void noOperationAnswersMalformedInputWithA5xxOrANonProblemError() {
        JsonNode docs = admin.get("/api/docs.json").json();
        components = docs.path("components").path("schemas");
        xsrf = admin.csrfToken();
        session = admin.cookie("SESSION");
        setUpFixture();

        List<Operation> operations = new ArrayList<>();
        docs.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), op.getValue()));
            }
        }));
        // reads and the agents' own endpoints first, deletions last: the fixture lives as long as possible
        operations.sort(Comparator.comparingInt(Operation::rank));
        assertThat(operations).hasSizeGreaterThan(25);

        long started = System.nanoTime();
        for (Operation operation : operations) {
            if (!SKIPPED.contains(operation.method() + " " + operation.path()) && !operation.path().endsWith("/events")) {
                fuzz(operation);
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        System.out.printf("OpenAPI fuzzer: %d operations, %d requests fuzzed, %d answered 5xx, %d wrong answers, %d s%n",
                operations.size(), requests, serverErrors, wrong.size(), seconds);
        assertThat(wrong).as(requests + " requests fuzzed").isEmpty();
        assertThat(serverErrors).isZero();
        assertThat(anonymous().login(ADMIN, ADMIN_PASSWORD).status()).as("no sign-in throttled by the fuzzer").isEqualTo(200);
    }

    private record Operation(String method, String path, JsonNode spec) {
        int rank() {
            int base = path.startsWith("/api/internal/") ? 0 : method.equals("GET") ? 1 : method.equals("DELETE") ? 3 : 2;
            return base * 10 + (path.contains("/token") ? 5 : 0);
        }
    }

    private void setUpFixture() {
        String provider = unique("fz");
        Api.Response created = admin.post("/api/providers", Map.of("name", provider, "displayName", "Fuzz",
                "type", "custom", "baseUrl", "http://127.0.0.1:9/v1", "apiKey", "sk-fuzz-fixture-key-0123456789",
                "models", List.of(Map.of("id", "m1", "name", "M1"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String agent = unique("fz");
        agentToken = createAgent(agent, created.json().get("id").asText(), "m1");
        fixture.put("id", created.json().get("id").asText());
        fixture.put("name", agent);
        fixture.put("agent", agent);
    }

    private void fuzz(Operation operation) {
        List<JsonNode> parameters = new ArrayList<>();
        operation.spec().path("parameters").forEach(p -> parameters.add(resolve(p)));
        JsonNode bodySchema = BODY_NOT_SAMPLED.contains(operation.method() + " " + operation.path()) ? NODES.objectNode()
                : resolve(operation.spec().path("requestBody").path("content").path("application/json").path("schema"));
        boolean hasBody = !bodySchema.isMissingNode() && !bodySchema.isEmpty();
        String validPath = fillPath(operation.path(), null);
        ObjectNode sample = hasBody ? sampleObject(bodySchema) : null;

        boolean malformedOnly = MALFORMED_ONLY.contains(operation.method() + " " + operation.path());
        // the well-formed request, then junk in every path variable, then every query parameter
        if (!malformedOnly) {
            send(operation, validPath, hasBody ? sample.toString() : null, "application/json");
        }
        if (operation.path().contains("{")) {
            for (String junk : JUNK_SEGMENTS) {
                send(operation, fillPath(operation.path(), junk), hasBody ? sample.toString() : null, "application/json");
            }
        }
        for (JsonNode parameter : malformedOnly ? List.<JsonNode>of() : parameters) {
            if ("query".equals(parameter.path("in").asText())) {
                for (String junk : JUNK_QUERY) {
                    send(operation, validPath + "?" + parameter.path("name").asText() + "=" + junk,
                            hasBody ? sample.toString() : null, "application/json");
                }
            }
        }
        send(operation, validPath + "?%00=1&%FF=%FF&" + "q".repeat(5000) + "=1", null, "application/json");
        if (!hasBody && operation.method().equals("GET")) {
            return;
        }
        String body = hasBody ? sample.toString() : "{}";
        for (String type : malformedOnly ? CONTENT_TYPES.subList(0, 6) : CONTENT_TYPES) {
            send(operation, validPath, type.startsWith("multipart") ? "--zz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb"
                    : body, type);
        }
        for (String raw : malformedOnly ? List.of("{", "[1,2]", "\"text\"", "\u0000")
                : List.of("", "{", "[1,2]", "null", "\"text\"", "{}}", "\u0000", "\ufeff{}")) {
            send(operation, validPath, raw, "application/json");
        }
        if (!hasBody) {
            return;
        }
        if (MALFORMED_ONLY.contains(operation.method() + " " + operation.path())) {
            String nul = sample.toString().replaceFirst(":\"", ":\"\\u0000");
            send(operation, validPath, nul, "application/json");
            String first = sample.fieldNames().next();
            send(operation, validPath, sample.toString().replaceFirst("^\\{", "{\"" + first + "\":\"x\","), "application/json");
            return;
        }
        List<String> fields = new ArrayList<>();
        sample.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            JsonNode schema = propertySchema(bodySchema, field);
            ObjectNode missing = sample.deepCopy();
            missing.remove(field);
            send(operation, validPath, missing.toString(), "application/json");
            ObjectNode nulled = sample.deepCopy();
            nulled.putNull(field);
            send(operation, validPath, nulled.toString(), "application/json");
            for (JsonNode wrongType : wrongTypes(schema)) {
                ObjectNode mutated = sample.deepCopy();
                mutated.set(field, wrongType);
                send(operation, validPath, mutated.toString(), "application/json");
            }
            if (sample.get(field).isTextual() || sample.get(field).isArray()) {
                for (String junk : JUNK_STRINGS) {
                    ObjectNode mutated = sample.deepCopy();
                    mutated.set(field, sample.get(field).isArray() ? NODES.arrayNode().add(junk) : NODES.textNode(junk));
                    send(operation, validPath, mutated.toString(), "application/json");
                }
            }
            if (sample.get(field).isArray()) {
                ObjectNode nullItem = sample.deepCopy();
                nullItem.set(field, NODES.arrayNode().addNull());
                send(operation, validPath, nullItem.toString(), "application/json");
                JsonNode first = sample.get(field).path(0);
                if (first.isObject()) {
                    Iterator<String> names = first.fieldNames();
                    while (names.hasNext()) {
                        String inner = names.next();
                        for (JsonNode value : List.of(NODES.nullNode(), NODES.textNode("\u0000"), NODES.arrayNode())) {
                            ObjectNode mutated = sample.deepCopy();
                            ((ObjectNode) mutated.withArray(field).get(0)).set(inner, value);
                            send(operation, validPath, mutated.toString(), "application/json");
                        }
                    }
                }
            }
            String duplicated = sample.toString().replaceFirst("^\\{", "{\"" + field + "\":" + sample.get(field) + ",");
            send(operation, validPath, duplicated, "application/json");
        }
        send(operation, validPath, sample.deepCopy().put("unknownField", 1).toString(), "application/json");
        ObjectNode allNull = sample.deepCopy();
        fields.forEach(allNull::putNull);
        send(operation, validPath, allNull.toString(), "application/json");
        send(operation, validPath, nested(60), "application/json");
    }

    private void send(Operation operation, String target, String body, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (target.startsWith("/api/internal/")) {
            headers.put("Authorization", "Bearer " + agentToken);
        } else {
            headers.put("Cookie", "SESSION=" + session + "; XSRF-TOKEN=" + xsrf);
            headers.put("X-XSRF-TOKEN", xsrf);
        }
        if (!contentType.isEmpty() && body != null) {
            headers.put("Content-Type", contentType);
        }
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        Api.Response response = RawHttp.send(port, operation.method(), target, headers, bytes);
        requests++;
        String label = operation.method() + " " + target.substring(0, Math.min(target.length(), 160))
                + (body == null ? "" : " [" + contentType + "] " + abbreviate(body)) + " -> " + response.status();
        if (response.status() >= 500) {
            serverErrors++;
            wrong.add(label + " " + abbreviate(response.body()));
        } else if (response.status() >= 400 && !String.valueOf(response.header("Content-Type")).startsWith(PROBLEM)) {
            wrong.add(label + " not a problem document: " + response.header("Content-Type"));
        } else if (response.status() / 100 == 2 && !operation.method().equals("GET")) {
            checkReadBack(operation, target, response, label);
        }
    }

    /** A write that was acknowledged is there to read (or gone, for a deletion). */
    private void checkReadBack(Operation operation, String target, Api.Response response, String label) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        if (target.contains("dryRun=true")) {
            return;
        }
        String read = null;
        int expected = 200;
        String location = response.header("Location");
        if (path.equals("/api/settings/oidc")) {
            JsonNode settings = admin.get(path).json();
            if (settings.path("configured").asBoolean() == operation.method().equals("DELETE")) {
                wrong.add(label + " acknowledged, but GET " + path + " shows " + settings);
            }
            return;
        }
        if (path.equals("/api/chat/conversations") && operation.method().equals("DELETE")) {
            JsonNode left = admin.get(path).json();
            if (!left.path("items").isEmpty()) {
                wrong.add(label + " acknowledged, but GET " + path + " still lists " + left);
            }
            return;
        }
        if (location != null) {
            read = location;
        } else if (operation.method().equals("DELETE")) {
            read = path;
            expected = 404;
        } else if (path.matches("/api/(providers|agents)/[^/]+(/.*)?") && !path.startsWith("/api/providers/test")) {
            read = path.replaceFirst("^(/api/(providers|agents)/[^/]+).*", "$1");
        }
        if (read == null) {
            return;
        }
        Api.Response back = admin.get(read);
        if (back.status() != expected) {
            wrong.add(label + " acknowledged, but GET " + read + " answers " + back.status());
        }
        if (path.matches("/api/agents/[^/]+/token") && response.body().contains("\"token\"")) {
            LogScan.plant(response.json().path("token").asText());
        }
    }

    private String fillPath(String template, String junk) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        while (m.find()) {
            String value = junk != null ? junk : fixture.getOrDefault(m.group(1), "fz-missing");
            if (junk == null && template.startsWith("/api/internal/")) {
                value = fixture.get("agent");
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            current = components.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return current;
    }

    private JsonNode propertySchema(JsonNode objectSchema, String field) {
        return resolve(objectSchema.path("properties").path(field));
    }

    private ObjectNode sampleObject(JsonNode schema) {
        ObjectNode object = NODES.objectNode();
        schema.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(), sample(p.getKey(), resolve(p.getValue()), 0)));
        return object;
    }

    /** A plausible value: names that pass the name rule, URLs for URL fields, the fixture's ids for references. */
    private JsonNode sample(String name, JsonNode schema, int depth) {
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        return switch (type) {
            case "integer", "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(false);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (depth < 3) {
                    array.add(sample(name, resolve(schema.path("items")), depth + 1));
                }
                yield array;
            }
            case "object" -> depth < 3 ? sampleObject(schema) : NODES.objectNode();
            default -> NODES.textNode(sampleText(name));
        };
    }

    private String sampleText(String name) {
        String lower = name.toLowerCase();
        if (lower.equals("name") || lower.equals("username")) {
            return unique("fz");
        }
        if (lower.endsWith("url")) {
            return "http://127.0.0.1:9/v1";
        }
        if (lower.equals("providerid")) {
            return fixture.get("id");
        }
        if (lower.equals("type")) {
            return "openai";
        }
        if (lower.equals("primarymodel") || lower.equals("model") || lower.equals("id")) {
            return "m1";
        }
        if (lower.contains("key") || lower.contains("secret") || lower.contains("password") || lower.contains("token")) {
            return LogScan.plant("fz-secret-" + java.util.UUID.randomUUID());
        }
        return "Fuzz value";
    }

    private static List<JsonNode> wrongTypes(JsonNode schema) {
        String type = schema.path("type").asText("string");
        List<JsonNode> values = new ArrayList<>(List.of(NODES.objectNode().put("a", 1), NODES.arrayNode().add(1)));
        if (!type.equals("string")) {
            values.add(NODES.textNode("not-a-" + type));
        }
        if (!type.equals("integer") && !type.equals("number")) {
            values.add(NODES.numberNode(12345678901234L));
        }
        if (type.equals("integer")) {
            values.add(NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890")));
            values.add(NODES.numberNode(1.5));
        }
        if (!type.equals("boolean")) {
            values.add(NODES.booleanNode(true));
        }
        return values;
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("[\\p{Cntrl}]", "?");
        return flat.length() > 120 ? flat.substring(0, 120) + "…" : flat;
    }
}
