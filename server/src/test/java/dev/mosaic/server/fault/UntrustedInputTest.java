package dev.mosaic.server.fault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.LogScan;
import dev.mosaic.server.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input an attacker or a careless client sends: every answer is a problem document with a 4xx status naming
 * what is wrong, and a 2xx only ever means stored.
 */
class UntrustedInputTest extends IntegrationTest {
    private static final String PROBLEM = "application/problem+json";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aNulInABodyIs400NamingTheFieldAndNothingIsStored() {
        String name = unique("nul");
        Api.Response response = admin.post("/api/providers", providerBody(name, "Bad\u0000Name", "sk-nul-test-key"));

        assertProblem(response, 400);
        assertThat(fields(response)).containsExactly("displayName");
        assertThat(admin.get("/api/providers").json().get("items")).noneMatch(p -> p.get("name").asText().equals(name));

        Api.Response nested = admin.post("/api/providers", Map.of("name", name, "displayName", "ok", "type", "openai",
                "models", List.of(Map.of("id", "m\u0000"))));
        assertProblem(nested, 400);
        assertThat(fields(nested)).containsExactly("models[0].id");

        Api.Response clean = admin.post("/api/providers", providerBody(name, "Good name", "sk-nul-test-key"));
        assertThat(clean.status()).as(clean.body()).isEqualTo(201);
    }

    @Test
    void aFailingProjectionFailsTheRequestAndNothingIsAcknowledged() {
        String name = unique("refused");
        jdbc.execute("create or replace function refuse_marked_provider() returns trigger language plpgsql as $$"
                + " begin if new.state->>'displayName' like 'refused-by-trigger%' then"
                + " raise exception 'projection refused by the test'; end if; return new; end $$");
        jdbc.execute("create trigger refuse_marked_provider before insert on provider_view for each row"
                + " execute function refuse_marked_provider()");
        Api.Response response;
        try {
            response = admin.post("/api/providers", providerBody(name, "refused-by-trigger " + name, "sk-refused-key"));
        } finally {
            jdbc.execute("drop trigger refuse_marked_provider on provider_view");
            jdbc.execute("drop function refuse_marked_provider()");
        }

        assertThat(response.status()).as("a write whose projection failed must not be acknowledged: " + response.body())
                .isEqualTo(500);
        assertThat(response.header("Content-Type")).startsWith(PROBLEM);
        assertThat(admin.get("/api/providers").json().get("items")).noneMatch(p -> p.get("name").asText().equals(name));
        Integer events = jdbc.queryForObject("select count(*) from domain_event_entry where type = 'LlmProvider'"
                + " and position(convert_to(?, 'UTF8') in payload) > 0", Integer.class, name);
        assertThat(events).as("events stored for the refused provider").isZero();

        Api.Response again = admin.post("/api/providers", providerBody(name, "Now it works", "sk-refused-key"));
        assertThat(again.status()).as("the name was never taken: " + again.body()).isEqualTo(201);
        assertThat(admin.get("/api/providers/" + again.json().get("id").asText()).status()).isEqualTo(200);
    }

    @Test
    void aNulInAQueryParameterOrPathIs400() {
        Api.Response query = admin.get("/api/audit?actor=a%00b");
        assertProblem(query, 400);
        assertThat(fields(query)).containsExactly("actor");

        Api.Response entity = admin.get("/api/audit?entityId=%00");
        assertProblem(entity, 400);
        assertThat(fields(entity)).containsExactly("entityId");

        assertProblem(admin.get("/api/providers/abc%00def"), 400);
        assertProblem(admin.get("/api/agents/abc%00"), 400);
    }

    @Test
    void anApiKeyAHeaderCannotCarryIs400NamingItAndNeverLogged() {
        String provider = createProvider(unique("keys"), "m");
        List<String> keys = List.of("sk-pasted-with-newline-0123456789\n", "sk-with\r\nheader-injection-0123",
                "sk-with-nul-\u0000-0123456789", "sk-non-ascii-é-0123456789", "sk with spaces 0123456789");
        for (String key : keys) {
            LogScan.plant(key);
            Api.Response unsaved = admin.post("/api/providers/test", Map.of("type", "openai",
                    "baseUrl", "http://127.0.0.1:9/v1", "apiKey", key));
            assertProblem(unsaved, 400);
            assertThat(fields(unsaved)).containsExactly("apiKey");

            Api.Response created = admin.post("/api/providers", providerBody(unique("keys"), "Keys", key));
            assertProblem(created, 400);
            assertThat(fields(created)).containsExactly("apiKey");

            Api.Response replaced = admin.put("/api/providers/" + provider + "/api-key", Map.of("apiKey", key));
            assertProblem(replaced, 400);
            assertThat(fields(replaced)).containsExactly("apiKey");
            assertThat(unsaved.body() + created.body() + replaced.body()).doesNotContain(key.strip());
        }
        assertThat(LogScan.linesContaining("sk-pasted-with-newline", "header-injection", "sk-with-nul-",
                "sk-non-ascii-", "sk with spaces")).isEmpty();
    }

    @Test
    void aDuplicateKeyIs400NamingIt() {
        String name = unique("dup");
        Api.Response response = admin.sendRaw("POST", "/api/providers", "{\"name\":\"" + name + "\",\"displayName\":\"a\","
                + "\"type\":\"openai\",\"models\":[{\"id\":\"m\",\"id\":\"n\"}],\"name\":\"other-" + name + "\"}");

        assertProblem(response, 400);
        assertThat(fields(response)).containsExactly("models[0].id");
        assertThat(admin.get("/api/providers").json().get("items"))
                .noneMatch(p -> p.get("name").asText().endsWith(name));

        Api.Response topLevel = admin.sendRaw("POST", "/api/providers", "{\"name\":\"" + name + "\",\"displayName\":\"a\","
                + "\"type\":\"openai\",\"models\":[{\"id\":\"m\"}],\"name\":\"other-" + name + "\"}");
        assertProblem(topLevel, 400);
        assertThat(fields(topLevel)).containsExactly("name");
    }

    @Test
    void aWildcardOrWrongContentTypeIs415() {
        for (String type : List.of("*/*", "application/*", "text/plain", "application/xml")) {
            Api.Response response = admin.sendRaw("POST", "/api/providers", "{}", "Content-Type", type);
            assertProblem(response, 415);
        }
    }

    @Test
    void aMalformedMultipartBodyIs4xxProblem() {
        for (String path : List.of("/api/providers", "/api/auth/login", "/api/onboarding/agents")) {
            Api.Response response = admin.sendRaw("POST", path, "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb",
                    "Content-Type", "multipart/form-data; boundary=xyz");
            assertThat(response.status()).as(path + " " + response.body()).isBetween(400, 499);
            assertThat(response.header("Content-Type")).as(path).startsWith(PROBLEM);

            Api.Response noBoundary = admin.sendRaw("POST", path, "garbage", "Content-Type", "multipart/form-data");
            assertThat(noBoundary.status()).as(path + " " + noBoundary.body()).isBetween(400, 499);
            assertThat(noBoundary.header("Content-Type")).as(path).startsWith(PROBLEM);
        }
    }

    @Test
    void aNullAgentInOnboardingIs400NamingIt() {
        Api.Response response = admin.sendRaw("POST", "/api/onboarding/agents", "{\"agents\":[null]}");

        assertProblem(response, 400);
        assertThat(fields(response)).containsExactly("agents[0]");
    }

    @Test
    void anAuditDateOutsideWhatCanBeStoredIs400NamingIt() {
        Api.Response from = admin.get("/api/audit?from=-999999999-01-01T00:00:00Z");
        assertProblem(from, 400);
        assertThat(fields(from)).containsExactly("from");

        Api.Response to = admin.get("/api/audit?to=%2B999999999-12-31T23:59:59Z");
        assertProblem(to, 400);
        assertThat(fields(to)).containsExactly("to");

        assertThat(admin.get("/api/audit?from=2000-01-01T00:00:00Z&to=9999-01-01T00:00:00Z").status()).isEqualTo(200);
    }

    @Test
    void junkPathSegmentsAreProblemDocumentsWhoeverRefusesThem() {
        String id = UUID.randomUUID().toString();
        List<String> paths = List.of("/api/providers/..", "/api/providers/../agents", "/api/providers/%2e%2e",
                "/api/providers/%2e%2e/agents", "/api/providers;x=1", "/api/providers/" + id + ";x=1",
                "/api/providers/a%2Fb", "/api/providers/%00", "/api/providers/%FF", "/api/providers/%", "/api/%zz",
                "/api/providers/%5C", "/api//providers", "/api/providers/%0a", "/..%2F..%2Fetc/passwd");
        List<String> wrong = new ArrayList<>();
        String session = "SESSION=" + admin.cookie("SESSION");
        for (String cookie : List.of(session, "")) {
            for (String path : paths) {
                for (String method : List.of("GET", "DELETE")) {
                    Api.Response response = RawHttp.send(port, method, path,
                            cookie.isEmpty() ? Map.of() : Map.of("Cookie", cookie), null);
                    if (response.status() < 400 || response.status() > 499
                            || !String.valueOf(response.header("Content-Type")).startsWith(PROBLEM)
                            || !response.body().contains("\"status\":" + response.status())) {
                        wrong.add(method + " " + path + " -> " + response.status() + " " + response.header("Content-Type")
                                + " " + response.body().substring(0, Math.min(120, response.body().length())));
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theErrorFallbackIsAProblemDocument() {
        Api.Response response = admin.get("/error");
        assertThat(response.status()).isBetween(400, 599);
        assertThat(response.header("Content-Type")).startsWith(PROBLEM);
    }

    private static Map<String, Object> providerBody(String name, String displayName, String apiKey) {
        return Map.of("name", name, "displayName", displayName, "type", "openai", "apiKey", apiKey,
                "models", List.of(Map.of("id", "m", "name", "M")));
    }

    static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.body()).startsWith(PROBLEM);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }

    static List<String> fields(Api.Response response) {
        JsonNode errors = response.json().get("errors");
        assertThat(errors).as("errors of " + response.body()).isNotNull();
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }
}
