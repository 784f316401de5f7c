package dev.mosaic.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write answers a query parameter it does not define with 400 naming it, before anything is stored: a misspelt
 * {@code ?dryrun=true} never applies the change it meant to preview. Reads stay lenient.
 */
class UnknownWriteParametersTest extends IntegrationTest {
    private static final String PROBLEM = "application/problem+json";
    private static final String MESSAGE = "is not a parameter of this operation";
    private static final Set<String> WRITES = Set.of("post", "put", "patch", "delete");

    @Test
    void dryRunWhereItIsOfferedIsStillAPreview() {
        String name = unique("uwp");
        long events = events();

        Api.Response preview = admin.post("/api/providers?dryRun=true", provider(name));

        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().get("dryRun").asBoolean()).isTrue();
        assertThat(preview.json().at("/events/0/type").asText()).isEqualTo("ProviderRegistered");
        assertThat(providerNames()).doesNotContain(name);
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void aMisspeltDryRunIsRefusedNamingItAndStoresNothing() {
        String name = unique("uwp");
        long events = events();

        refused(admin.post("/api/providers?dryrun=true", provider(name)), "dryrun");
        refused(admin.post("/api/providers?%64ryrun=true", provider(name)), "dryrun");
        refused(admin.post("/api/providers?dryRun=true&dryrun=true", provider(name)), "dryrun");

        assertThat(providerNames()).doesNotContain(name);
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void aParameterNoWriteDefinesIsRefusedBeforeTheWriteRuns() {
        String providerId = createProvider(unique("uwp"), "m1");
        String agent = unique("uwp");
        createAgent(agent, providerId, "m1");
        long events = events();

        refused(admin.patch("/api/agents/" + agent + "?proposal=true", Map.of("displayName", "Changed")), "proposal");
        refused(admin.delete("/api/agents/" + agent + "?dryRun=true&proposal=true"), "proposal");
        refused(admin.delete("/api/providers/" + providerId + "?force"), "force");
        // dryRun where no dry run is offered is a parameter like any other
        refused(admin.put("/api/settings/breakglass/password?dryRun=true", Map.of()), "dryRun");

        assertThat(admin.get("/api/agents/" + agent).json().get("displayName").asText()).isEqualTo(agent);
        assertThat(admin.get("/api/providers/" + providerId).status()).isEqualTo(200);
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void readsStayLenient() {
        assertThat(admin.get("/api/providers?cursor=x").status()).isEqualTo(200);
        assertThat(admin.get("/api/agents?dryrun=true&bogusParam=1").status()).isEqualTo(200);
        assertThat(admin.get("/api/audit?limit=5&bogusParam=1").status()).isEqualTo(200);
    }

    /** Form fields in a body are no query parameters: such a body is refused for its content type, not its fields. */
    @Test
    void onlyTheQueryStringIsJudged() {
        Api.Response form = admin.sendRaw("PATCH", "/api/agents/" + unique("uwp"), "bogusParam=1",
                "Content-Type", "application/x-www-form-urlencoded");

        assertThat(form.status()).as(form.body()).isEqualTo(415);
    }

    /** An agent's report of the version it runs is a fact, never a preview; a newer agent may send more. */
    @Test
    void anAgentsOwnEndpointsAreNotJudged() {
        String agent = unique("uwp");
        String token = createAgent(agent, createProvider(unique("uwp"), "m1"), "m1");

        Api.Response applied = anonymous().sendRaw("POST", "/api/internal/agent-config/" + agent + "/applied?node=n1",
                "{\"version\":1}", "Authorization", "Bearer " + token);

        assertThat(applied.status()).as(applied.body()).isEqualTo(204);
    }

    /** Every write the API describes, so that none is ever missed; signing out goes last. */
    @Test
    void everyDescribedWriteRefusesAnUnknownParameter() {
        JsonNode docs = admin.get("/api/docs.json").json();
        List<String[]> writes = new ArrayList<>();
        docs.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (WRITES.contains(method) && !path.getKey().startsWith("/api/internal/")) {
                writes.add(new String[]{method.toUpperCase(), path.getKey()});
            }
        }));
        writes.sort(Comparator.comparing((String[] w) -> w[1].equals("/api/auth/logout")));
        assertThat(writes).hasSizeGreaterThan(20);

        List<String> wrong = new ArrayList<>();
        for (String[] write : writes) {
            String target = write[1].replaceAll("\\{[^}]+}", "uwp-missing") + "?bogusParam=1";
            Api.Response response = admin.sendRaw(write[0], target, "{}");
            JsonNode error = response.status() == 400 ? response.json().path("errors").path(0) : null;
            if (error == null || !String.valueOf(response.header("Content-Type")).startsWith(PROBLEM)
                    || !error.path("field").asText().equals("bogusParam") || !error.path("message").asText().equals(MESSAGE)) {
                wrong.add(write[0] + " " + target + " -> " + response);
            }
        }
        assertThat(wrong).as(writes.size() + " writes").isEmpty();
        assertThat(admin.get("/api/auth/me").status()).as("the session survived POST /api/auth/logout?bogusParam=1")
                .isEqualTo(200);
    }

    private static void refused(Api.Response response, String parameter) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith(PROBLEM);
        assertThat(response.json().get("errors")).hasSize(1);
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo(parameter);
        assertThat(response.json().at("/errors/0/message").asText()).isEqualTo(MESSAGE);
        assertThat(response.json().get("detail").asText()).isEqualTo(parameter + " " + MESSAGE);
    }

    private static Map<String, Object> provider(String name) {
        return Map.of("name", name, "displayName", name, "type", "openai", "apiKey", "sk-" + name,
                "models", List.of(Map.of("id", "m1", "name", "M1")));
    }

    private List<String> providerNames() {
        List<String> names = new ArrayList<>();
        admin.get("/api/providers").json().get("items").forEach(p -> names.add(p.get("name").asText()));
        return names;
    }

    private long events() {
        return database.queryForObject("select count(*) from domain_event_entry", Long.class);
    }
}
