package dev.mosaic.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The shape of failures (RFC 9457 problem documents), the web UI fallback, and the anonymous 401s. */
class ErrorResponsesTest extends IntegrationTest {
    private static final String PROBLEM = "application/problem+json";

    @Test
    void malformedJsonIs400NamingTheBody() {
        Api.Response response = admin.sendRaw("POST", "/api/providers", "{\"name\": \"x\", ");

        assertProblem(response, 400);
        assertThat(fields(response)).containsExactly("body");
    }

    @Test
    void aValueOfTheWrongTypeIs400NamingTheField() {
        String name = unique("prov");
        Api.Response notAList = admin.sendRaw("POST", "/api/providers", "{\"name\":\"" + name
                + "\",\"displayName\":\"x\",\"type\":\"openai\",\"models\":\"gpt-4o\"}");
        assertProblem(notAList, 400);
        assertThat(fields(notAList)).containsExactly("models");

        Api.Response nested = admin.sendRaw("POST", "/api/providers", "{\"name\":\"" + name
                + "\",\"displayName\":\"x\",\"type\":\"openai\",\"models\":[{\"id\":\"m\",\"contextWindow\":\"big\"}]}");
        assertProblem(nested, 400);
        assertThat(fields(nested)).containsExactly("models[0].contextWindow");

        Api.Response active = admin.sendRaw("PATCH", "/api/providers/" + UUID.randomUUID(), "{\"active\":\"maybe\"}");
        assertProblem(active, 400);
        assertThat(fields(active)).containsExactly("active");

        Api.Response arrayBody = admin.sendRaw("POST", "/api/agents", "[1, 2, 3]");
        assertProblem(arrayBody, 400);
        assertThat(fields(arrayBody)).hasSize(1);

        assertThat(admin.get("/api/providers").json().get("items")).noneMatch(p -> p.get("name").asText().equals(name));
    }

    @Test
    void anUnknownFieldIs400NamingIt() {
        String name = unique("prov");
        Api.Response response = admin.sendRaw("POST", "/api/providers", "{\"name\":\"" + name
                + "\",\"displayName\":\"x\",\"type\":\"openai\",\"models\":[{\"id\":\"m\"}],\"colour\":\"red\"}");

        assertProblem(response, 400);
        assertThat(fields(response)).containsExactly("colour");
        assertThat(admin.get("/api/providers").json().get("items")).noneMatch(p -> p.get("name").asText().equals(name));

        Api.Response nested = admin.sendRaw("POST", "/api/agents", "{\"name\":\"" + unique("agent")
                + "\",\"displayName\":\"x\",\"gatewayUrl\":\"http://a:1\",\"fallbacks\":[{\"providerId\":\"p\",\"model\":\"m\",\"weight\":2}]}");
        assertProblem(nested, 400);
        assertThat(fields(nested)).containsExactly("fallbacks[0].weight");
    }

    @Test
    void aBodyOver256KbIs400NamingTheBodyWithOrWithoutALength() {
        String name = unique("prov");
        String big = "{\"name\":\"" + name + "\",\"displayName\":\"" + "x".repeat(300 * 1024)
                + "\",\"type\":\"openai\",\"models\":[{\"id\":\"m\"}]}";

        Api.Response declared = admin.sendRaw("POST", "/api/providers", big);
        assertProblem(declared, 400);
        assertThat(fields(declared)).containsExactly("body");

        Api.Response chunked = admin.sendChunked("POST", "/api/providers", big.getBytes(StandardCharsets.UTF_8));
        assertProblem(chunked, 400);
        assertThat(fields(chunked)).containsExactly("body");

        assertThat(admin.get("/api/providers").json().get("items")).noneMatch(p -> p.get("name").asText().equals(name));

        StringBuilder models = new StringBuilder();
        for (int i = 0; i < 800; i++) {
            models.append(i == 0 ? "" : ",").append("{\"id\":\"m-").append(i).append("\",\"name\":\"")
                    .append("n".repeat(200)).append("\"}");
        }
        String underTheLimit = "{\"name\":\"" + name + "\",\"displayName\":\"ok\",\"type\":\"openai\",\"models\":["
                + models + "]}";
        assertThat(underTheLimit.length()).isBetween(150 * 1024, 256 * 1024);
        Api.Response accepted = admin.sendRaw("POST", "/api/providers", underTheLimit);
        assertThat(accepted.status()).as("a body under 256 KB is accepted: " + accepted.body()).isEqualTo(201);
        assertThat(admin.delete("/api/providers/" + accepted.json().get("id").asText()).status()).isEqualTo(204);
    }

    @Test
    void errorsAreProblemJsonWhateverTheAcceptHeaderSays() {
        Api.Response notFound = admin.get("/api/providers/" + UUID.randomUUID(), "Accept", "text/html");
        assertProblem(notFound, 404);

        Api.Response invalid = admin.sendRaw("POST", "/api/providers", "{", "Accept", "text/html");
        assertProblem(invalid, 400);

        Api.Response validation = admin.sendRaw("POST", "/api/providers", "{\"name\":\"BAD\"}",
                "Accept", "text/html,application/xhtml+xml;q=0.9");
        assertProblem(validation, 400);
        assertThat(fields(validation)).contains("name");

        Api.Response anonymous = anonymous().get("/api/providers", "Accept", "text/html");
        assertProblem(anonymous, 401);
        assertThat(anonymous.header("Location")).isNull();

        Api.Response unknownPath = admin.get("/api/" + unique("nothing"), "Accept", "text/html");
        assertProblem(unknownPath, 404);

        Api.Response xml = admin.get("/api/agents/" + unique("ghost"), "Accept", "application/xml");
        assertProblem(xml, 404);
    }

    @Test
    void anUnknownApiPathIs404ForASignedInCallerAnd401ForAnonymous() {
        String path = "/api/" + unique("nothing") + "/here";

        assertProblem(admin.get(path), 404);
        assertProblem(admin.get("/api/providers/" + UUID.randomUUID() + "/nothing"), 404);
        assertProblem(admin.sendRaw("POST", path, "{}"), 404);
        assertProblem(admin.sendRaw("DELETE", path, null), 404);
        assertProblem(admin.get("/api"), 404);
        assertProblem(admin.get("/api/"), 404);

        Api stranger = anonymous();
        assertProblem(stranger.get(path), 401);
        assertProblem(stranger.sendRaw("POST", path, "{}"), 401);
    }

    @Test
    void anyOtherGetServesTheWebApp() {
        for (String path : List.of("/", "/settings/agents", "/settings/providers/abc", "/audit", "/chat/support")) {
            Api.Response page = anonymous().get(path, "Accept", "text/html");
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.header("Content-Type")).as(path).startsWith("text/html");
            assertThat(page.body()).as(path).containsIgnoringCase("<html");
        }
        Api.Response signedIn = admin.get("/settings/agents", "Accept", "text/html");
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.header("Content-Type")).startsWith("text/html");
    }

    @Test
    void anonymousCallsToEverySettingsEndpointAre401NeverARedirect() {
        String id = UUID.randomUUID().toString();
        String agent = unique("agent");
        List<String[]> calls = List.of(
                new String[]{"GET", "/api/providers"},
                new String[]{"POST", "/api/providers"},
                new String[]{"GET", "/api/providers/" + id},
                new String[]{"PATCH", "/api/providers/" + id},
                new String[]{"DELETE", "/api/providers/" + id},
                new String[]{"PUT", "/api/providers/" + id + "/api-key"},
                new String[]{"POST", "/api/providers/" + id + "/test"},
                new String[]{"POST", "/api/providers/test"},
                new String[]{"GET", "/api/agents"},
                new String[]{"POST", "/api/agents"},
                new String[]{"GET", "/api/agents/" + agent},
                new String[]{"PATCH", "/api/agents/" + agent},
                new String[]{"DELETE", "/api/agents/" + agent},
                new String[]{"PUT", "/api/agents/" + agent + "/model"},
                new String[]{"POST", "/api/agents/" + agent + "/token"},
                new String[]{"GET", "/api/agents/" + agent + "/status"},
                new String[]{"GET", "/api/settings/oidc"},
                new String[]{"PUT", "/api/settings/oidc"},
                new String[]{"DELETE", "/api/settings/oidc"},
                new String[]{"PUT", "/api/settings/breakglass/password"},
                new String[]{"GET", "/api/audit"},
                new String[]{"POST", "/api/onboarding/provider"},
                new String[]{"POST", "/api/onboarding/agents"},
                new String[]{"POST", "/api/onboarding/complete"},
                new String[]{"POST", "/api/onboarding/oidc"},
                new String[]{"GET", "/api/auth/me"},
                new String[]{"GET", "/api/chat/agents"});
        List<String> wrong = new ArrayList<>();
        for (boolean withCsrf : new boolean[]{true, false}) {
            for (String[] call : calls) {
                Api stranger = anonymous();
                boolean read = call[0].equals("GET");
                Api.Response response = withCsrf || read
                        ? stranger.sendRaw(call[0], call[1], read ? null : "{}")
                        : stranger.sendWithoutCsrf(call[0], call[1], "{}");
                String label = call[0] + " " + call[1] + (withCsrf ? "" : " (no CSRF token)");
                if (response.status() != 401 || response.header("Location") != null
                        || !String.valueOf(response.header("Content-Type")).startsWith(PROBLEM)) {
                    wrong.add(label + " -> " + response.status() + " " + response.header("Content-Type"));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void problemDocumentsHaveTheRfc9457Members() {
        Api.Response response = admin.get("/api/providers/" + UUID.randomUUID());

        assertProblem(response, 404);
        JsonNode problem = response.json();
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(404);
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.body()).startsWith(PROBLEM);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }

    private static List<String> fields(Api.Response response) {
        JsonNode errors = response.json().get("errors");
        assertThat(errors).as("errors of " + response.body()).isNotNull();
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> {
            assertThat(e.get("message").asText()).as(e.toString()).isNotBlank();
            fields.add(e.get("field").asText());
        });
        return fields;
    }
}
