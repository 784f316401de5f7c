package dev.mosaic.server.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Golden answers of the history, dry-run and revert endpoints: a recorded scenario is played through the HTTP API
 * and the raw bodies (and statuses) of those endpoints are compared, byte for byte after normalising only what
 * varies between runs, with {@code src/test/resources/golden/history-answers.txt}. A refactor that changes any
 * field, its order, a summary or a status fails here with the first differing lines.
 * <p>
 * Normalised, deterministically: UUIDs ({@code <uuid-n>}), secret masks ({@code <mask-n>}), agent tokens
 * ({@code <token-n>}) and etags ({@code <etag-n>}), numbered in order of first appearance in the file; ISO instants
 * ({@code <time>}); seqs relative to the scenario's first one ({@code <seq+n>}: JSON fields {@code seq},
 * {@code revertOf}, {@code baseSeq}, {@code #n} in texts, {@code seq=n} in paths, "the newest (n)" in the error
 * of a seq out of range); the random name suffix ({@code <suffix>}). In {@code GET /api/state} answers the providers and agents of other tests (the database is
 * shared) are cut out of the raw text, and the installation-wide {@code oidc} and {@code onboardingCompleted}
 * values (other tests set them) are replaced by {@code "<not in the scenario>"}. One order varies with the JVM:
 * the server builds the items of a problem's {@code errors} with {@code Map.of("field", …, "message", …)}, whose
 * iteration order depends on a salt chosen at each JVM start, so an item sent as {@code {"message":…,"field":…}}
 * is written {@code {"field":…,"message":…}}. Everything else is kept as sent.
 * <p>
 * Run it with the sibling modules from the reactor (another checkout's {@code install} may have replaced them in
 * ~/.m2): {@code ./mvnw -B -pl shared-events,command-side,query-side,server verify -Dexec.skip=true
 * -Dtest=HistoryGoldenTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}. Rewrite the file (only when an
 * answer is meant to change) by adding {@code -Dmosaic.regenerate=true}.
 */
class HistoryGoldenTest extends IntegrationTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "history-answers.txt");
    private static final Path ACTUAL = Path.of("target", "golden", "history-answers.actual.txt");
    private static final boolean REGENERATE = Boolean.getBoolean("mosaic.regenerate");
    /** The sibling modules come from the reactor, not from ~/.m2 (which other checkouts install into). */
    private static final String HOW = "if the change is intended, regenerate with: ./mvnw -B "
            + "-pl shared-events,command-side,query-side,server verify -Dexec.skip=true -Dtest=HistoryGoldenTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dmosaic.regenerate=true";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringBuilder answers = new StringBuilder();
    private String suffix;

    @Test
    void historyDryRunAndRevertAnswersAreTheRecordedOnes() throws IOException {
        suffix = randomSuffix();
        String openai = "gd-openai-" + suffix;
        String ollama = "gd-ollama-" + suffix;
        String spare = "gd-spare-" + suffix;
        // registered in name order, so that every way the server may order them (by name or by registration) agrees
        String coder = "gd-coder-" + suffix;
        String support = "gd-support-" + suffix;
        String triage = "gd-triage-" + suffix;

        // ---- the recorded scenario -------------------------------------------------------------------------------
        String p1 = created(admin.post("/api/providers", map(
                "name", openai, "displayName", "OpenAI (golden)", "type", "openai", "apiKey", "sk-golden-first",
                "models", List.of(
                        map("id", "gpt-4o", "name", "GPT-4o", "contextWindow", 128000, "maxTokens", 4096),
                        map("id", "gpt-4o-mini", "name", "GPT-4o mini")))), "id");
        long base = admin.get("/api/audit?limit=100&entityId=" + p1).json().get("items").findValues("seq").stream()
                .mapToLong(JsonNode::asLong).min().orElseThrow();
        String p2 = created(admin.post("/api/providers", map(
                "name", ollama, "displayName", "Local Ollama", "type", "ollama",
                "baseUrl", "http://ollama.internal:11434",
                "models", List.of(map("id", "llama3.1", "name", "Llama 3.1", "contextWindow", 8192),
                        map("id", "qwen2.5")))), "id");
        String p3 = created(admin.post("/api/providers", map(
                "name", spare, "displayName", "Spare Anthropic", "type", "anthropic", "apiKey", "sk-ant-golden",
                "models", List.of(map("id", "claude-sonnet-4", "name", "Claude Sonnet 4")))), "id");
        created(admin.post("/api/agents", map(
                "name", coder, "displayName", "Coder", "role", "engineering", "gatewayUrl", "http://coder:18789",
                "providerId", p2, "primaryModel", "llama3.1",
                "fallbacks", List.of(map("providerId", p1, "model", "gpt-4o")),
                "personality", "You write code.", "toolPermissions", List.of("read", "exec"))), "token");
        created(admin.post("/api/agents", map(
                "name", support, "displayName", "Support", "role", "support", "gatewayUrl", "http://support:18789",
                "providerId", p1, "primaryModel", "gpt-4o",
                "fallbacks", List.of(map("providerId", p1, "model", "gpt-4o-mini"),
                        map("providerId", p2, "model", "llama3.1")),
                "personality", "You answer customers.\nBe brief.",
                "toolPermissions", List.of("read", "web_search"))), "token");
        created(admin.post("/api/agents", map(
                "name", triage, "displayName", "Triage", "gatewayUrl", "http://triage:18790",
                "providerId", p1, "primaryModel", "gpt-4o-mini")), "token");
        long registered = newestSeq();

        ok(admin.patch("/api/providers/" + p1, map("displayName", "OpenAI Production", "models", List.of(
                map("id", "gpt-4o", "name", "GPT-4o", "contextWindow", 128000, "maxTokens", 16384),
                map("id", "gpt-4o-mini", "name", "GPT-4o mini"),
                map("id", "o3-mini", "name", "o3 mini")))));
        ok(admin.put("/api/providers/" + p1 + "/api-key", map("apiKey", "sk-golden-second")));
        long rotated = newestSeq();
        ok(admin.put("/api/agents/" + triage + "/model", map("providerId", p2, "primaryModel", "llama3.1",
                "fallbacks", List.of(map("providerId", p1, "model", "gpt-4o-mini")))));
        ok(admin.patch("/api/agents/" + support, map(
                "personality", "You answer customers politely.\nBe brief.\nNever promise refunds.",
                "toolPermissions", List.of("read", "web_search", "tickets"))));
        ok(admin.patch("/api/agents/" + coder, map("displayName", "Coder Bot", "role", "platform",
                "gatewayUrl", "http://coder:18800")));
        ok(admin.patch("/api/agents/" + triage, map("active", false)));
        long deactivated = newestSeq();
        ok(admin.patch("/api/agents/" + triage, map("active", true)));
        ok(admin.patch("/api/providers/" + p3, map("active", false)));
        ok(admin.patch("/api/providers/" + p2, map("models", List.of(
                map("id", "llama3.1", "name", "Llama 3.1", "contextWindow", 16384),
                map("id", "qwen2.5"), map("id", "mistral", "name", "Mistral 7B")))));
        ok(admin.delete("/api/agents/" + coder));
        long removed = newestSeq();

        // ---- dry runs: nothing is stored, so each one previews against the same state ---------------------------
        section("dry run: register a provider", "POST", "/api/providers?dryRun=true", admin.post(
                "/api/providers?dryRun=true", map("name", "gd-zai-" + suffix, "displayName", "Z.ai", "type", "zai",
                        "apiKey", "sk-golden-zai", "models", List.of(map("id", "glm-4.6", "name", "GLM 4.6")))));
        section("dry run: change a provider's details", "PATCH", "/api/providers/" + p1 + "?dryRun=true",
                admin.patch("/api/providers/" + p1 + "?dryRun=true", map("displayName", "OpenAI (dry)",
                        "baseUrl", "https://proxy.internal/v1")));
        section("dry run: rotate a provider's api key", "PUT", "/api/providers/" + p1 + "/api-key?dryRun=true",
                admin.put("/api/providers/" + p1 + "/api-key?dryRun=true", map("apiKey", "sk-golden-dry")));
        section("dry run: register an agent", "POST", "/api/agents?dryRun=true", admin.post("/api/agents?dryRun=true",
                map("name", "gd-writer-" + suffix, "displayName", "Writer", "role", "content",
                        "gatewayUrl", "http://writer:18789", "providerId", p1, "primaryModel", "gpt-4o",
                        "fallbacks", List.of(map("providerId", p2, "model", "qwen2.5")),
                        "personality", "You write release notes.", "toolPermissions", List.of("read"))));
        section("dry run: change an agent's profile and personality", "PATCH", "/api/agents/" + support + "?dryRun=true",
                admin.patch("/api/agents/" + support + "?dryRun=true", map("role", "customer-care",
                        "personality", "You answer customers.", "toolPermissions", List.of("read"))));
        section("dry run: assign an agent's model", "PUT", "/api/agents/" + support + "/model?dryRun=true",
                admin.put("/api/agents/" + support + "/model?dryRun=true", map("providerId", p2,
                        "primaryModel", "mistral", "fallbacks", List.of(map("providerId", p1, "model", "o3-mini")))));
        section("dry run: deactivate an agent", "PATCH", "/api/agents/" + support + "?dryRun=true",
                admin.patch("/api/agents/" + support + "?dryRun=true", map("active", false)));
        section("dry run: remove an agent", "DELETE", "/api/agents/" + triage + "?dryRun=true",
                admin.delete("/api/agents/" + triage + "?dryRun=true"));
        section("dry run: remove a provider in use (refused)", "DELETE", "/api/providers/" + p1 + "?dryRun=true",
                admin.delete("/api/providers/" + p1 + "?dryRun=true"));
        section("dry run: remove an unused, inactive provider", "DELETE", "/api/providers/" + p3 + "?dryRun=true",
                admin.delete("/api/providers/" + p3 + "?dryRun=true"));
        section("dry run: an invalid agent (validation error)", "POST", "/api/agents?dryRun=true",
                admin.post("/api/agents?dryRun=true", map("name", "Not A Name!", "displayName", "",
                        "gatewayUrl", "ftp://nowhere", "providerId", p1, "primaryModel", "nope")));
        section("dry run: an unknown model (validation error)", "PUT", "/api/agents/" + support + "/model?dryRun=true",
                admin.put("/api/agents/" + support + "/model?dryRun=true", map("providerId", p3,
                        "primaryModel", "gpt-4o")));

        // ---- time travel ----------------------------------------------------------------------------------------
        for (long seq : new long[]{registered, rotated, deactivated, removed}) {
            String path = "/api/state?seq=" + seq;
            section("the fleet at a seq (other tests' entities cut out)", "GET", path, scenarioOnly(admin.get(path)));
        }
        get("an agent's config versions", "/api/agents/" + support + "/config/versions");
        get("a page of them", "/api/agents/" + support + "/config/versions?limit=2");
        get("the next page", "/api/agents/" + support + "/config/versions?limit=2&cursor=3");
        get("another agent's versions (model changed, deactivated, activated)", "/api/agents/" + triage + "/config/versions");
        get("one version", "/api/agents/" + support + "/config/versions/1");
        get("another version", "/api/agents/" + support + "/config/versions/4");
        get("an unknown version", "/api/agents/" + support + "/config/versions/99");
        get("a diff of two versions", "/api/agents/" + support + "/config/diff?from=1&to=4");
        get("a diff of a key rotation", "/api/agents/" + support + "/config/diff?from=2&to=3");
        get("a diff with a SOUL.md change", "/api/agents/" + support + "/config/diff?from=3&to=4");
        get("a diff of the model change", "/api/agents/" + triage + "/config/diff?from=1&to=3");
        get("a removed agent's versions", "/api/agents/" + coder + "/config/versions");
        for (long seq : new long[]{registered, rotated, removed}) {
            get("an agent's config at a seq", "/api/agents/" + support + "/config/at?seq=" + seq);
        }
        get("a deactivated agent's config at a seq", "/api/agents/" + triage + "/config/at?seq=" + deactivated);
        get("a removed agent's config at a seq", "/api/agents/" + coder + "/config/at?seq=" + registered);
        get("a removed agent's config after its removal", "/api/agents/" + coder + "/config/at?seq=" + removed);

        // ---- revert: scoped to one agent, then the whole fleet; dry run first, then for real --------------------
        Map<String, Object> scoped = map("seq", registered, "scope", map("entityType", "agent", "entityId", support),
                "reason", "golden scoped");
        section("revert one agent: dry run", "POST", "/api/revert",
                admin.post("/api/revert", with(scoped, "dryRun", true)));
        section("revert one agent", "POST", "/api/revert", admin.post("/api/revert", scoped));
        get("the audit items of the scoped revert's agent", "/api/audit?limit=100&entityId=" + support);

        Map<String, Object> whole = map("seq", registered, "reason", "golden whole");
        section("revert the whole fleet: dry run", "POST", "/api/revert",
                admin.post("/api/revert", with(whole, "dryRun", true)));
        section("revert the whole fleet", "POST", "/api/revert", admin.post("/api/revert", whole));
        long reverted = newestSeq();
        for (String entity : List.of(p1, p2, p3, coder, support, triage)) {
            get("the audit items of an entity the revert touched", "/api/audit?limit=100&entityId=" + entity);
        }
        String after = "/api/state?seq=" + reverted;
        section("the fleet after the revert (other tests' entities cut out)", "GET", after,
                scenarioOnly(admin.get(after)));
        get("the re-registered agent's config after the revert", "/api/agents/" + coder + "/config/at?seq=" + reverted);
        get("an agent's versions after both reverts", "/api/agents/" + support + "/config/versions");
        section("a revert to a seq beyond the newest", "POST", "/api/revert",
                admin.post("/api/revert", map("seq", reverted + 1000, "dryRun", true)));

        compare(normalise(answers.toString(), base));
    }

    // ---- recording ------------------------------------------------------------------------------------------------

    private void get(String label, String path) {
        section(label, "GET", path, admin.get(path));
    }

    private void section(String label, String method, String path, Api.Response response) {
        answers.append("# ").append(label).append('\n')
                .append("### ").append(method).append(' ').append(path).append(" -> ").append(response.status())
                .append('\n')
                .append(response.body() == null || response.body().isEmpty() ? "(no body)" : response.body())
                .append("\n\n");
    }

    private static String created(Api.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get(field).asText();
    }

    private static void ok(Api.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
    }

    private long newestSeq() {
        return admin.get("/api/audit?limit=1").json().get("items").get(0).get("seq").asLong();
    }

    /** Letters that are not hex digits: the suffix can never be mistaken for (or found inside) an id, mask or etag. */
    private static String randomSuffix() {
        SecureRandom random = new SecureRandom();
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            suffix.append((char) ('g' + random.nextInt(20)));
        }
        return suffix.toString();
    }

    /** An insertion-ordered map (Map.of would do, but its order changes between JVMs; the server must not care). */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    /**
     * A {@code GET /api/state} answer with only this scenario's providers and agents: the other elements of the
     * two arrays are cut out of the raw text (the kept ones are exactly as sent, joined by commas as the server
     * joins them), and the installation-wide values other tests change are replaced by a marker.
     */
    private Api.Response scenarioOnly(Api.Response response) {
        if (response.status() != 200) {
            return response;
        }
        String raw = response.body();
        StringBuilder out = new StringBuilder();
        int copied = 0;
        try (JsonParser parser = new JsonFactory().createParser(raw)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                int start = (int) parser.currentTokenLocation().getCharOffset();
                if ((field.equals("providers") || field.equals("agents")) && value == JsonToken.START_ARRAY) {
                    out.append(raw, copied, start + 1);
                    List<String> kept = new ArrayList<>();
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        int from = (int) parser.currentTokenLocation().getCharOffset();
                        parser.skipChildren();
                        int to = (int) parser.currentLocation().getCharOffset();
                        String element = raw.substring(from, to);
                        if (JSON.readTree(element).path("name").asText().endsWith("-" + suffix)) {
                            kept.add(element);
                        }
                    }
                    out.append(String.join(",", kept));
                    copied = (int) parser.currentTokenLocation().getCharOffset();
                } else if (field.equals("oidc") || field.equals("onboardingCompleted")) {
                    parser.skipChildren();
                    out.append(raw, copied, start).append("\"<not in the scenario>\"");
                    copied = (int) parser.currentLocation().getCharOffset();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.append(raw, copied, raw.length());
        return new Api.Response(response.status(), response.headers(), out.toString());
    }

    // ---- normalising ----------------------------------------------------------------------------------------------

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern MASK = Pattern.compile("secret:[0-9a-f]{12}");
    private static final Pattern TOKEN = Pattern.compile("mag_[A-Za-z0-9_-]{43}");
    private static final Pattern ETAG = Pattern.compile("(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])");
    private static final Pattern TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern SEQ_FIELD = Pattern.compile("(\"(?:seq|revertOf|baseSeq)\":)(\\d+)");
    private static final Pattern SEQ_TEXT = Pattern.compile("(#)(\\d+)");
    private static final Pattern SEQ_PARAM = Pattern.compile("([?&]seq=)(\\d+)");
    private static final Pattern SEQ_NEWEST = Pattern.compile("(the newest \\()(\\d+)");

    private static final Pattern ERROR_ITEM = Pattern.compile(
            "\\{\"message\":(\"(?:[^\"\\\\]|\\\\.)*\"),\"field\":(\"(?:[^\"\\\\]|\\\\.)*\")}");

    private String normalise(String text, long base) {
        String result = ERROR_ITEM.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                "{\"field\":" + m.group(2) + ",\"message\":" + m.group(1) + "}"));
        result = numbered(result, TOKEN, "token");
        result = numbered(result, UUID, "uuid");
        result = numbered(result, MASK, "mask");
        result = numbered(result, ETAG, "etag");
        result = TIME.matcher(result).replaceAll("<time>");
        Function<Long, String> relative = seq -> seq >= base ? "<seq+" + (seq - base) + ">" : "<seq-" + (base - seq) + ">";
        for (Pattern seq : List.of(SEQ_FIELD, SEQ_TEXT, SEQ_PARAM, SEQ_NEWEST)) {
            result = seq.matcher(result).replaceAll(m -> Matcher.quoteReplacement(
                    m.group(1) + relative.apply(Long.parseLong(m.group(2)))));
        }
        return result.replace(suffix, "<suffix>");
    }

    /** Each distinct match becomes {@code <kind-n>}, n counting distinct values in order of first appearance. */
    private static String numbered(String text, Pattern pattern, String kind) {
        Map<String, String> seen = new HashMap<>();
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                seen.computeIfAbsent(m.group(), v -> "<" + kind + "-" + (seen.size() + 1) + ">")));
    }

    // ---- comparing ------------------------------------------------------------------------------------------------

    private static void compare(String actual) throws IOException {
        Files.createDirectories(ACTUAL.getParent());
        Files.writeString(ACTUAL, actual);
        if (REGENERATE) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual);
            return;
        }
        assertThat(GOLDEN).as("the golden file (" + HOW + ")").exists();
        String expected = Files.readString(GOLDEN);
        if (expected.equals(actual)) {
            return;
        }
        fail(firstDifference(expected, actual) + "\nthe whole answer is in " + ACTUAL.toAbsolutePath() + "\n" + HOW);
    }

    /** The first differing line with a few lines around it, from both files, numbered. */
    private static String firstDifference(String expected, String actual) {
        String[] want = expected.split("\n", -1);
        String[] got = actual.split("\n", -1);
        int line = 0;
        while (line < want.length && line < got.length && want[line].equals(got[line])) {
            line++;
        }
        int differing = 0;
        for (int i = 0; i < Math.max(want.length, got.length); i++) {
            if (i >= want.length || i >= got.length || !want[i].equals(got[i])) {
                differing++;
            }
        }
        StringBuilder message = new StringBuilder(GOLDEN + " differs from the answers from line " + (line + 1)
                + " on (" + differing + " differing lines; " + want.length + " expected, " + got.length + " actual)\n");
        int from = Math.max(0, line - 3);
        // the section header the difference is in
        for (int i = line; i >= 0 && i < want.length; i--) {
            if (want[i].startsWith("### ")) {
                message.append("in section: ").append(want[i]).append('\n');
                break;
            }
        }
        message.append("--- expected\n");
        for (int i = from; i < Math.min(want.length, line + 4); i++) {
            message.append(i == line ? "- " : "  ").append(i + 1).append(": ").append(shorten(want[i])).append('\n');
        }
        message.append("+++ actual\n");
        for (int i = from; i < Math.min(got.length, line + 4); i++) {
            message.append(i == line ? "+ " : "  ").append(i + 1).append(": ").append(shorten(got[i])).append('\n');
        }
        if (line < want.length && line < got.length) {
            int column = 0;
            while (column < want[line].length() && column < got[line].length()
                    && want[line].charAt(column) == got[line].charAt(column)) {
                column++;
            }
            message.append("first differing character at column ").append(column + 1).append(":\n  expected: ")
                    .append(around(want[line], column)).append("\n  actual:   ").append(around(got[line], column))
                    .append('\n');
        }
        return message.toString();
    }

    private static String shorten(String line) {
        return line.length() <= 300 ? line : line.substring(0, 300) + "… (" + line.length() + " characters)";
    }

    private static String around(String line, int column) {
        int from = Math.max(0, column - 60);
        int to = Math.min(line.length(), column + 60);
        return (from > 0 ? "…" : "") + line.substring(from, to) + (to < line.length() ? "…" : "");
    }
}
