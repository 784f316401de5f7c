package dev.mosaic.server.agentconfig;

import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, defect 7: an agent's request that happens to carry a browser's session cookie (a shared cookie jar,
 * a proxy, a curious operator) must neither create, read nor change a session: the browser stays signed in and
 * no session row moves.
 */
class AgentRequestsLeaveSessionsAloneTest extends IntegrationTest {
    private final HttpClient http = HttpClient.newHttpClient();
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void agentCallsCarryingABrowsersSessionCookieLeaveThatSessionAndTheSessionTableUntouched() throws Exception {
        String providerId = createProvider(unique("sess"), "m1");
        String agent = unique("sess-agent");
        String token = createAgent(agent, providerId, "m1");
        String otherAgent = unique("sess-other");
        String otherToken = createAgent(otherAgent, providerId, "m1");
        Api browser = anonymous();
        assertThat(browser.login(ADMIN, ADMIN_PASSWORD).status()).isEqualTo(200);
        String cookie = "SESSION=" + browser.cookie("SESSION") + "; XSRF-TOKEN=" + browser.csrfToken();
        assertThat(browser.get("/api/auth/me").status()).isEqualTo(200);
        List<Map<String, Object>> before = sessionRowsLastTouchedLongAgo();

        String base = "/api/internal/agent-config/" + agent;
        List<HttpResponse<String>> answers = List.of(
                send("GET", base, token, cookie, null),
                send("GET", base + "/workspace/SOUL.md", token, cookie, null),
                send("POST", base + "/applied", token, cookie, "{\"version\":1}"),
                send("GET", base, otherToken, cookie, null),
                send("GET", base, "not-a-token", cookie, null),
                send("GET", base, null, cookie, null));

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 404, 204, 403, 401, 401);
        assertThat(answers).allSatisfy(answer ->
                assertThat(answer.headers().allValues("Set-Cookie")).as(answer.uri().toString()).isEmpty());
        assertThat(sessionRows()).isEqualTo(before);
        assertThat(browser.get("/api/auth/me").status()).isEqualTo(200);
    }

    @Test
    void healthChecksCarryingASessionCookieLeaveTheSessionTableUntouched() throws Exception {
        Api browser = anonymous();
        assertThat(browser.login(ADMIN, ADMIN_PASSWORD).status()).isEqualTo(200);
        List<Map<String, Object>> before = sessionRowsLastTouchedLongAgo();

        HttpResponse<String> health = send("GET", "/actuator/health", null, "SESSION=" + browser.cookie("SESSION"), null);
        HttpResponse<String> anonymousHealth = send("GET", "/actuator/health/readiness", null, null, null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(anonymousHealth.statusCode()).isEqualTo(200);
        assertThat(health.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(anonymousHealth.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(sessionRows()).isEqualTo(before);
        assertThat(browser.get("/api/auth/me").status()).isEqualTo(200);
    }

    /** Sessions as if last used 10 minutes ago: a request that touched one would now move its last access. */
    private List<Map<String, Object>> sessionRowsLastTouchedLongAgo() {
        jdbc.update("update spring_session set last_access_time = last_access_time - 600000");
        return sessionRows();
    }

    private List<Map<String, Object>> sessionRows() {
        return jdbc.queryForList("select primary_id, session_id, last_access_time, expiry_time from spring_session "
                + "order by primary_id");
    }

    private HttpResponse<String> send(String method, String path, String token, String cookie, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
