package dev.mosaic.server.authz;

import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.TestSessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint the server maps (read from the handler mappings, so a new endpoint without a row here fails
 * this test) called as anonymous, a plain user, an auditor, an admin and an agent's bearer token, each in a
 * fresh session, asserting the exact status. Writes by callers that pass authorization carry bodies or ids
 * that are refused (400/404/409), so the matrix changes nothing.
 */
class AuthorizationMatrixTest extends IntegrationTest {
    private static final String CSRF = "matrix-csrf-token";
    private static final List<String> CALLERS = List.of("anonymous", "USER", "AUDITOR", "ADMIN", "agent");

    @Autowired
    ApplicationContext context;
    @Autowired
    SessionRepository<? extends Session> sessionRepository;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One endpoint: its mapping, a concrete request and the status expected per caller, in {@link #CALLERS} order. */
    record Row(String method, String pattern, String path, String body, int... expected) {
        String key() {
            return method + " " + pattern;
        }
    }

    @Test
    void everyEndpointAnswersEachRoleWithTheExpectedStatus() {
        String providerId = createProvider(unique("matrix"), "m1");
        String agent = unique("matrix");
        var created = admin.post("/api/agents", Map.of("name", agent, "displayName", agent,
                "gatewayUrl", "http://127.0.0.1:9", "providerId", providerId, "primaryModel", "m1",
                "personality", "You are the matrix agent."));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String token = created.json().get("token").asText();
        if (admin.get("/api/settings/oidc").json().get("configured").asBoolean()) {
            assertThat(admin.delete("/api/settings/oidc").status()).isEqualTo(204);
        }
        String unknownId = UUID.randomUUID().toString();
        String unknownAgent = unique("nobody");
        String login = "{\"username\":\"" + ADMIN + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}";
        String internal = "/api/internal/agent-config/" + agent;

        List<Row> rows = List.of(
                //                                                                          anon user aud  admin agent
                new Row("GET", "/api/providers", "/api/providers", null, 401, 403, 200, 200, 401),
                new Row("POST", "/api/providers", "/api/providers", "{}", 401, 403, 403, 400, 401),
                new Row("GET", "/api/providers/{id}", "/api/providers/" + providerId, null, 401, 403, 200, 200, 401),
                new Row("PATCH", "/api/providers/{id}", "/api/providers/" + unknownId, "{}", 401, 403, 403, 404, 401),
                new Row("PUT", "/api/providers/{id}/api-key", "/api/providers/" + unknownId + "/api-key",
                        "{\"apiKey\":\"sk-x\"}", 401, 403, 403, 404, 401),
                new Row("DELETE", "/api/providers/{id}", "/api/providers/" + unknownId, null, 401, 403, 403, 404, 401),
                new Row("POST", "/api/providers/test", "/api/providers/test", "{}", 401, 403, 403, 400, 401),
                new Row("POST", "/api/providers/{id}/test", "/api/providers/" + unknownId + "/test", null,
                        401, 403, 403, 404, 401),
                new Row("GET", "/api/agents", "/api/agents", null, 401, 403, 200, 200, 401),
                new Row("POST", "/api/agents", "/api/agents", "{}", 401, 403, 403, 400, 401),
                new Row("GET", "/api/agents/{name}", "/api/agents/" + agent, null, 401, 403, 200, 200, 401),
                new Row("PATCH", "/api/agents/{name}", "/api/agents/" + unknownAgent, "{}", 401, 403, 403, 404, 401),
                new Row("PUT", "/api/agents/{name}/model", "/api/agents/" + unknownAgent + "/model",
                        "{\"providerId\":\"" + providerId + "\",\"primaryModel\":\"m1\"}", 401, 403, 403, 404, 401),
                new Row("POST", "/api/agents/{name}/token", "/api/agents/" + unknownAgent + "/token", null,
                        401, 403, 403, 404, 401),
                new Row("DELETE", "/api/agents/{name}", "/api/agents/" + unknownAgent, null, 401, 403, 403, 404, 401),
                new Row("GET", "/api/agents/{name}/status", "/api/agents/" + agent + "/status", null,
                        401, 403, 200, 200, 401),
                new Row("GET", "/api/audit", "/api/audit", null, 401, 403, 200, 200, 401),
                // history: auditors read versions, diffs and past states; only admins revert
                new Row("GET", "/api/state", "/api/state", null, 401, 403, 200, 200, 401),
                new Row("GET", "/api/agents/{name}/config/at", "/api/agents/" + agent + "/config/at", null,
                        401, 403, 200, 200, 401),
                new Row("GET", "/api/agents/{name}/config/versions", "/api/agents/" + agent + "/config/versions", null,
                        401, 403, 200, 200, 401),
                new Row("GET", "/api/agents/{name}/config/versions/{version}",
                        "/api/agents/" + agent + "/config/versions/1", null, 401, 403, 200, 200, 401),
                new Row("GET", "/api/agents/{name}/config/diff", "/api/agents/" + agent + "/config/diff?from=1&to=1",
                        null, 401, 403, 200, 200, 401),
                new Row("POST", "/api/revert", "/api/revert", "{}", 401, 403, 403, 400, 401),
                new Row("GET", "/api/settings/rollout", "/api/settings/rollout", null, 401, 403, 200, 200, 401),
                new Row("PUT", "/api/settings/rollout", "/api/settings/rollout", "{\"verify\":\"x\"}",
                        401, 403, 403, 400, 401),
                new Row("GET", "/api/rollouts", "/api/rollouts", null, 401, 403, 200, 200, 401),
                new Row("GET", "/api/rollouts/{id}", "/api/rollouts/" + unknownId, null, 401, 403, 404, 404, 401),
                new Row("POST", "/api/rollouts/{id}/pause", "/api/rollouts/" + unknownId + "/pause", null,
                        401, 403, 403, 404, 401),
                new Row("POST", "/api/rollouts/{id}/resume", "/api/rollouts/" + unknownId + "/resume", null,
                        401, 403, 403, 404, 401),
                new Row("POST", "/api/rollouts/{id}/promote", "/api/rollouts/" + unknownId + "/promote", null,
                        401, 403, 403, 404, 401),
                new Row("POST", "/api/rollouts/{id}/abort", "/api/rollouts/" + unknownId + "/abort", null,
                        401, 403, 403, 404, 401),
                // four-eyes: auditors read the policy and the requests; only admins change or decide
                new Row("GET", "/api/settings/change-policy", "/api/settings/change-policy", null, 401, 403, 200, 200, 401),
                new Row("PUT", "/api/settings/change-policy", "/api/settings/change-policy", "{}",
                        401, 403, 403, 400, 401),
                new Row("GET", "/api/change-requests", "/api/change-requests", null, 401, 403, 200, 200, 401),
                new Row("GET", "/api/change-requests/{id}", "/api/change-requests/" + unknownId, null,
                        401, 403, 404, 404, 401),
                new Row("POST", "/api/change-requests/{id}/approve", "/api/change-requests/" + unknownId + "/approve",
                        "{}", 401, 403, 403, 404, 401),
                new Row("POST", "/api/change-requests/{id}/reject", "/api/change-requests/" + unknownId + "/reject",
                        "{}", 401, 403, 403, 404, 401),
                new Row("POST", "/api/change-requests/{id}/cancel", "/api/change-requests/" + unknownId + "/cancel",
                        null, 401, 403, 403, 404, 401),
                new Row("POST", "/api/change-requests/{id}/apply", "/api/change-requests/" + unknownId + "/apply",
                        null, 401, 403, 403, 404, 401),
                // chat is the one thing every signed-in role may do (an empty body is refused on its merits)
                new Row("GET", "/api/chat/agents", "/api/chat/agents", null, 401, 200, 200, 200, 401),
                new Row("POST", "/api/chat/{agent}", "/api/chat/" + agent, "{}", 401, 400, 400, 400, 401),
                // API tokens: admins and auditors have their own (the role cap is checked past authorization)
                new Row("GET", "/api/tokens", "/api/tokens", null, 401, 403, 200, 200, 401),
                new Row("POST", "/api/tokens", "/api/tokens", "{}", 401, 403, 400, 400, 401),
                new Row("DELETE", "/api/tokens/{id}", "/api/tokens/" + unknownId, null, 401, 403, 404, 404, 401),
                // each person's own conversations: someone else's (here: nobody's) is 404 for every role
                new Row("GET", "/api/chat/conversations", "/api/chat/conversations", null, 401, 200, 200, 200, 401),
                new Row("DELETE", "/api/chat/conversations", "/api/chat/conversations", null, 401, 204, 204, 204, 401),
                new Row("GET", "/api/chat/conversations/{id}", "/api/chat/conversations/" + unknownId, null,
                        401, 404, 404, 404, 401),
                new Row("PATCH", "/api/chat/conversations/{id}", "/api/chat/conversations/" + unknownId,
                        "{\"title\":\"t\"}", 401, 404, 404, 404, 401),
                new Row("DELETE", "/api/chat/conversations/{id}", "/api/chat/conversations/" + unknownId, null,
                        401, 404, 404, 404, 401),
                new Row("GET", "/api/settings/oidc", "/api/settings/oidc", null, 401, 403, 200, 200, 401),
                new Row("PUT", "/api/settings/oidc", "/api/settings/oidc", "{}", 401, 403, 403, 400, 401),
                new Row("DELETE", "/api/settings/oidc", "/api/settings/oidc", null, 401, 403, 403, 409, 401),
                // the matrix's admin signed in through OIDC: only a breakglass user has a password to change
                new Row("PUT", "/api/settings/breakglass/password", "/api/settings/breakglass/password", "{}",
                        401, 403, 403, 409, 401),
                new Row("GET", "/api/onboarding/status", "/api/onboarding/status", null, 200, 200, 200, 200, 200),
                new Row("POST", "/api/onboarding/breakglass", "/api/onboarding/breakglass", "{}",
                        409, 409, 409, 409, 409),
                new Row("POST", "/api/onboarding/provider", "/api/onboarding/provider", "{}", 401, 403, 403, 400, 401),
                new Row("POST", "/api/onboarding/agents", "/api/onboarding/agents", "{}", 401, 403, 403, 400, 401),
                new Row("POST", "/api/onboarding/oidc", "/api/onboarding/oidc", "{}", 401, 403, 403, 400, 401),
                new Row("POST", "/api/onboarding/complete", "/api/onboarding/complete", null, 401, 403, 403, 200, 401),
                new Row("POST", "/api/auth/login", "/api/auth/login", login, 200, 200, 200, 200, 200),
                new Row("POST", "/api/auth/logout", "/api/auth/logout", null, 204, 204, 204, 204, 204),
                new Row("GET", "/api/auth/me", "/api/auth/me", null, 401, 200, 200, 200, 401),
                new Row("GET", "/api/auth/providers", "/api/auth/providers", null, 200, 200, 200, 200, 200),
                new Row("GET", "/api/rules", "/api/rules", null, 200, 200, 200, 200, 200),
                new Row("GET", "/api/internal/agent-config/{name}", internal, null, 401, 401, 401, 401, 200),
                new Row("GET", "/api/internal/agent-config/{name}/workspace/SOUL.md", internal + "/workspace/SOUL.md",
                        null, 401, 401, 401, 401, 200),
                new Row("GET", "/api/internal/agent-config/{name}/events", internal + "/events", null,
                        401, 401, 401, 401, 200),
                // the benchmarks' baseline endpoint (test sources only), behind the agent chain like the real ones
                new Row("GET", "/api/internal/agent-config/{name}/baseline", internal + "/baseline", null,
                        401, 401, 401, 401, 200),
                new Row("POST", "/api/internal/agent-config/{name}/applied", internal + "/applied", "{}",
                        401, 401, 401, 401, 400),
                new Row("GET", "/api/docs.json", "/api/docs.json", null, 401, 200, 200, 200, 401),
                new Row("GET", "/api/docs.json.yaml", "/api/docs.json.yaml", null, 401, 200, 200, 200, 401),
                new Row("GET", "/api/docs.json/swagger-config", "/api/docs.json/swagger-config", null,
                        401, 200, 200, 200, 401),
                new Row("GET", "/api/docs", "/api/docs", null, 401, 302, 302, 302, 401),
                // Boot's error page, called directly (no error to render): answered, never hidden behind a sign-in
                new Row("*", "/error", "/error", null, 500, 500, 500, 500, 500),
                new Row("GET", "/actuator/health", "/actuator/health", null, 200, 200, 200, 200, 200),
                new Row("GET", "/actuator/health/**", "/actuator/health/readiness", null, 200, 200, 200, 200, 200),
                // the matrix asks for JSON and Prometheus speaks text only: an admin gets past the check to a 406
                // (FleetMetricsTest scrapes it as admin with 200)
                new Row("GET", "/actuator/prometheus", "/actuator/prometheus", null, 401, 403, 403, 406, 401),
                new Row("GET", "/actuator", "/actuator", null, 401, 403, 403, 200, 401));

        Set<String> covered = new TreeSet<>(rows.stream().map(Row::key).toList());
        assertThat(covered).as("one row per endpoint").hasSize(rows.size());
        assertThat(covered).as("every mapped endpoint has a row, and every row is mapped").isEqualTo(mappedEndpoints());

        TestSessions sessions = new TestSessions(sessionRepository, port);
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            for (int i = 0; i < CALLERS.size(); i++) {
                String caller = CALLERS.get(i);
                Map<String, String> headers = new LinkedHashMap<>();
                String cookies = "XSRF-TOKEN=" + CSRF;
                if (caller.equals("agent")) {
                    headers.put("Authorization", "Bearer " + token);
                } else if (!caller.equals("anonymous")) {
                    cookies += "; SESSION=" + sessions.as(caller).cookie("SESSION");
                }
                headers.put("Cookie", cookies);
                headers.put("X-XSRF-TOKEN", CSRF);
                headers.put("Accept", row.pattern().endsWith("/events") ? "text/event-stream"
                        : row.pattern().endsWith(".yaml") ? "application/vnd.oai.openapi" : "application/json");
                String method = row.method().equals("*") ? "GET" : row.method();
                int status = call(method, row.path(), row.body(), headers);
                if (status != row.expected()[i]) {
                    wrong.add(method + " " + row.path() + " as " + caller + ": " + status + ", expected "
                            + row.expected()[i]);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** "METHOD pattern" of every handler method in every request-mapping handler mapping ("*" for any method). */
    private Set<String> mappedEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            mapping.getHandlerMethods().keySet().forEach(info -> {
                Set<String> methods = new TreeSet<>();
                info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
                if (methods.isEmpty()) {
                    methods.add("*");
                }
                for (String pattern : info.getPatternValues()) {
                    methods.forEach(m -> endpoints.add(m + " " + pattern));
                }
            });
        }
        return endpoints;
    }

    /** The status only; the body is closed unread (a change stream never ends). */
    private int call(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
