package dev.mosaic.server.token;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.command.api.CreateBreakglassUser;
import dev.mosaic.command.api.DeactivateBreakglassUser;
import dev.mosaic.command.api.ReactivateBreakglassUser;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.LogScan;
import dev.mosaic.server.testing.TestSessions;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API tokens over HTTP: issue, use (stateless: no CSRF, no session, no cookie), list, revoke; role caps, expiry, the
 * paths a token never reaches, a deactivated owner, the audit actor, lastUsedAt throttling, metrics and the log.
 */
class ApiTokenApiTest extends IntegrationTest {
    @Autowired
    SessionRepository<? extends Session> sessionRepository;
    @Autowired
    CommandGateway commands;

    private JsonNode issue(Api as, String name, String role, Integer days) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "role", role));
        if (days != null) {
            body.put("expiresInDays", days);
        }
        Api.Response issued = as.post("/api/tokens", body);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        LogScan.plant(issued.json().get("token").asText());
        return issued.json();
    }

    private Bearer bearer(JsonNode issued) {
        return new Bearer(port, issued.get("token").asText());
    }

    private long sessions() {
        return database.queryForObject("select count(*) from spring_session", Long.class);
    }

    private static JsonNode item(Api.Response list, String id) {
        for (JsonNode item : list.json().get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        return null;
    }

    @Test
    void aTokenIsIssuedUsedStatelesslyForAReadAndAWriteListedAndRevoked() {
        String name = unique("ci");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JsonNode issued = issue(admin, name, "ADMIN", null);
        String token = issued.get("token").asText();
        String id = issued.get("id").asText();
        assertThat(token).matches("mosaic_pat_[0-9A-Za-z]{43}");
        assertThat(issued.get("name").asText()).isEqualTo(name);
        assertThat(issued.get("role").asText()).isEqualTo("ADMIN");
        assertThat(issued.get("owner").asText()).isEqualTo(ADMIN);
        Instant createdAt = Instant.parse(issued.get("createdAt").asText());
        assertThat(createdAt).isBetween(before, Instant.now());
        assertThat(Instant.parse(issued.get("expiresAt").asText())).isEqualTo(createdAt.plus(30, ChronoUnit.DAYS));
        assertThat(database.queryForObject("select count(*) from api_token where token_hash = ?", Long.class,
                dev.mosaic.events.token.ApiTokens.hash(token))).isEqualTo(1);
        assertThat(database.queryForObject("select count(*) from domain_event_entry where convert_from(payload, 'UTF8') like ?",
                Long.class, "%" + token.substring(11) + "%")).as("the token is in no event").isZero();

        long sessionsBefore = sessions();
        Bearer ci = bearer(issued);
        Bearer.Answer read = ci.get("/api/providers");
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.setsCookie()).as("no Set-Cookie on a read").isFalse();
        String provider = unique("by-token");
        Bearer.Answer write = ci.post("/api/providers", Map.of("name", provider, "displayName", provider,
                "type", "openai", "apiKey", "sk-" + provider, "models", List.of(Map.of("id", "m1", "name", "M1"))));
        assertThat(write.status()).as("a write without any CSRF header: %s", write).isEqualTo(201);
        assertThat(write.setsCookie()).as("no Set-Cookie on a write").isFalse();
        assertThat(sessions()).as("no session row created").isEqualTo(sessionsBefore);

        String providerId = write.json().get("id").asText();
        JsonNode audited = admin.get("/api/audit?entityType=provider&entityId=" + providerId).json().at("/items/0");
        assertThat(audited.at("/actor/id").asText()).isEqualTo(id);
        assertThat(audited.at("/actor/name").asText()).isEqualTo(ADMIN + " (token " + name + ")");

        Api.Response list = admin.get("/api/tokens");
        assertThat(list.status()).isEqualTo(200);
        JsonNode listed = item(list, id);
        assertThat(listed).as(list.body()).isNotNull();
        assertThat(listed.get("name").asText()).isEqualTo(name);
        assertThat(listed.get("role").asText()).isEqualTo("ADMIN");
        assertThat(listed.get("owner").asText()).isEqualTo(ADMIN);
        assertThat(listed.get("createdAt").asText()).isEqualTo(issued.get("createdAt").asText());
        assertThat(listed.get("expiresAt").asText()).isEqualTo(issued.get("expiresAt").asText());
        assertThat(listed.get("lastUsedAt").isNull()).as("used just now").isFalse();
        assertThat(list.body()).doesNotContain(token.substring(11)).doesNotContain("\"token\"")
                .doesNotContain(dev.mosaic.events.token.ApiTokens.hash(token));
        assertThat(ci.get("/api/tokens").status()).as("a token lists tokens too").isEqualTo(200);

        Api.Response revoked = admin.delete("/api/tokens/" + id);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
        Bearer.Answer refused = ci.get("/api/providers");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).contains("revoked");
        assertThat(item(admin.get("/api/tokens"), id)).as("gone from the list").isNull();
        assertThat(admin.delete("/api/tokens/" + id).status()).as("revoking again is harmless").isEqualTo(204);
        assertThat(admin.delete("/api/tokens/" + UUID.randomUUID()).status()).isEqualTo(404);

        JsonNode trail = admin.get("/api/audit?entityType=token&entityId=" + id).json().get("items");
        assertThat(trail).hasSize(2);
        assertThat(trail.toString()).doesNotContain(dev.mosaic.events.token.ApiTokens.hash(token))
                .doesNotContain(token.substring(11));
        List<String> summaries = new java.util.ArrayList<>();
        trail.forEach(e -> summaries.add(e.get("summary").asText()));
        assertThat(summaries).containsExactlyInAnyOrder("API token " + name + " issued", "API token " + name + " revoked");
        trail.forEach(e -> assertThat(e.at("/actor/name").asText()).isEqualTo(ADMIN));
        assertThat(LogScan.linesContaining(token, token.substring(11))).as("the token reached no log line").isEmpty();
    }

    @Test
    void malformedRequestsAreRefusedNamingTheField() {
        record Case(Map<String, Object> body, String field) {
        }
        for (Case c : List.of(
                new Case(Map.of("role", "ADMIN"), "name"),
                new Case(Map.of("name", " ", "role", "ADMIN"), "name"),
                new Case(Map.of("name", "x"), "role"),
                new Case(Map.of("name", "x", "role", "USER"), "role"),
                new Case(Map.of("name", "x", "role", "ADMIN", "expiresInDays", 0), "expiresInDays"),
                new Case(Map.of("name", "x", "role", "ADMIN", "expiresInDays", 366), "expiresInDays"),
                new Case(Map.of("name", "x", "role", "ADMIN", "expiresInDays", "soon"), "expiresInDays"))) {
            Api.Response refused = admin.post("/api/tokens", c.body());
            assertThat(refused.status()).as(c + " → " + refused).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().at("/errors/0/field").asText()).as(refused.body()).isEqualTo(c.field());
        }
        JsonNode year = issue(admin, unique("year"), "AUDITOR", 365);
        assertThat(Instant.parse(year.get("expiresAt").asText()))
                .isEqualTo(Instant.parse(year.get("createdAt").asText()).plus(365, ChronoUnit.DAYS));
    }

    @Test
    void rolesCapWhatCanBeIssuedAndWhatATokenMayDo() {
        TestSessions sessions = new TestSessions(sessionRepository, port);
        Api auditor = sessions.as("AUDITOR");
        Api user = sessions.as("USER");

        assertThat(auditor.post("/api/tokens", Map.of("name", "up", "role", "ADMIN")).status())
                .as("an auditor cannot issue an ADMIN token").isEqualTo(403);
        Api.Response byUser = user.post("/api/tokens", Map.of("name", "mine", "role", "AUDITOR"));
        assertThat(byUser.status()).isEqualTo(403);
        assertThat(byUser.header("Content-Type")).startsWith("application/problem+json");
        assertThat(user.get("/api/tokens").status()).isEqualTo(403);

        JsonNode readOnly = issue(auditor, unique("reader"), "AUDITOR", 7);
        Bearer reader = bearer(readOnly);
        assertThat(reader.get("/api/agents").status()).isEqualTo(200);
        assertThat(reader.get("/api/audit").status()).isEqualTo(200);
        Bearer.Answer write = reader.post("/api/providers", Map.of("name", unique("no"), "displayName", "No",
                "type", "openai", "apiKey", "sk-nope-nope", "models", List.of()));
        assertThat(write.status()).as("an AUDITOR token cannot write: %s", write).isEqualTo(403);
        assertThat(write.contentType()).startsWith("application/problem+json");

        JsonNode adminsToken = issue(admin, unique("admins"), "AUDITOR", null);
        Api.Response auditorsList = auditor.get("/api/tokens");
        assertThat(item(auditorsList, readOnly.get("id").asText())).isNotNull();
        assertThat(item(auditorsList, adminsToken.get("id").asText())).as("auditors see their own only").isNull();
        assertThat(item(admin.get("/api/tokens"), readOnly.get("id").asText())).as("admins see all").isNotNull();
        assertThat(auditor.delete("/api/tokens/" + adminsToken.get("id").asText()).status())
                .as("not theirs to revoke").isEqualTo(404);
        assertThat(bearer(adminsToken).get("/api/agents").status()).isEqualTo(200);

        Bearer.Answer minted = bearer(issue(admin, unique("minter"), "ADMIN", null))
                .post("/api/tokens", Map.of("name", "child", "role", "AUDITOR"));
        assertThat(minted.status()).as("a token cannot issue tokens: %s", minted).isEqualTo(403);
        assertThat(reader.delete("/api/tokens/" + readOnly.get("id").asText()).status())
                .as("a token may revoke itself").isEqualTo(204);
        assertThat(reader.get("/api/agents").status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefused() {
        JsonNode issued = issue(admin, unique("short"), "ADMIN", 1);
        Bearer ci = bearer(issued);
        assertThat(ci.get("/api/agents").status()).isEqualTo(200);
        database.update("update api_token set expires_at = ? where token_id = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), issued.get("id").asText());
        Bearer.Answer expired = ci.get("/api/agents");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.contentType()).startsWith("application/problem+json");
        assertThat(expired.json().get("detail").asText()).contains("expired");
    }

    @Test
    void aTokenNeverReachesChatSignInOrTheAgentsPaths() {
        String providerId = createProvider(unique("tk"), "m1");
        String agent = unique("tk");
        String agentToken = createAgent(agent, providerId, "m1");
        Bearer ci = bearer(issue(admin, unique("reach"), "ADMIN", null));

        for (String path : List.of("/api/chat/agents", "/api/auth/me")) {
            Bearer.Answer denied = ci.get(path);
            assertThat(denied.status()).as(path).isEqualTo(403);
            assertThat(denied.contentType()).startsWith("application/problem+json");
        }
        assertThat(ci.post("/api/chat/" + agent, Map.of("messages", List.of())).status()).isEqualTo(403);
        assertThat(ci.post("/api/auth/login", Map.of("username", ADMIN, "password", ADMIN_PASSWORD)).status())
                .as("no session through a token").isEqualTo(403);
        Bearer.Answer internal = ci.get("/api/internal/agent-config/" + agent);
        assertThat(internal.status()).isEqualTo(401);
        assertThat(internal.contentType()).startsWith("application/problem+json");

        Bearer.Answer asAgent = new Bearer(port, agentToken).get("/api/agents");
        assertThat(asAgent.status()).as("an agent's token is no API token").isEqualTo(401);
        assertThat(asAgent.contentType()).startsWith("application/problem+json");
        for (String forged : List.of("mosaic_pat_" + "A".repeat(43), "mosaic_pat_short", "mosaic_pat_" + agentToken)) {
            Bearer.Answer unknown = new Bearer(port, forged).get("/api/agents");
            assertThat(unknown.status()).as(forged).isEqualTo(401);
            assertThat(unknown.contentType()).startsWith("application/problem+json");
            assertThat(unknown.setsCookie()).isFalse();
        }
    }

    @Test
    void aDeactivatedBreakglassOwnersTokensStopWorking() {
        String username = unique("bg");
        String password = LogScan.plant("owner-password-" + UUID.randomUUID());
        String userId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateBreakglassUser(userId, username, password, false));
        Api owner = anonymous();
        assertThat(owner.login(username, password).status()).isEqualTo(200);
        JsonNode issued = issue(owner, unique("own"), "ADMIN", null);
        assertThat(issued.get("owner").asText()).isEqualTo(username);
        Bearer ci = bearer(issued);
        assertThat(ci.get("/api/agents").status()).isEqualTo(200);

        commands.sendAndWait(new DeactivateBreakglassUser(userId));
        Bearer.Answer refused = ci.get("/api/agents");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asText()).contains("deactivated");

        commands.sendAndWait(new ReactivateBreakglassUser(userId));
        assertThat(ci.get("/api/agents").status()).isEqualTo(200);
    }

    @Test
    void lastUsedAtIsWrittenAtMostOnceAMinute() {
        JsonNode issued = issue(admin, unique("busy"), "AUDITOR", null);
        String id = issued.get("id").asText();
        Bearer ci = bearer(issued);
        assertThat(ci.get("/api/agents").status()).isEqualTo(200);
        Timestamp first = lastUsed(id);
        assertThat(first).isNotNull();
        for (int i = 0; i < 5; i++) {
            assertThat(ci.get("/api/agents").status()).isEqualTo(200);
        }
        assertThat(lastUsed(id)).as("not moved within the minute").isEqualTo(first);

        Timestamp earlier = Timestamp.from(first.toInstant().minusSeconds(61));
        database.update("update api_token_use set last_used_at = ? where token_id = ?", earlier, id);
        assertThat(ci.get("/api/agents").status()).isEqualTo(200);
        assertThat(lastUsed(id).toInstant()).as("written again once a minute passed").isAfterOrEqualTo(first.toInstant());
    }

    private Timestamp lastUsed(String id) {
        return database.query("select last_used_at from api_token_use where token_id = ?",
                rs -> rs.next() ? rs.getTimestamp(1) : null, id);
    }

    @Test
    void metricsCountActiveTokensAndTokenRequests() {
        JsonNode issued = issue(admin, unique("metered"), "AUDITOR", null);
        bearer(issued).get("/api/agents");
        new Bearer(port, "mosaic_pat_" + "B".repeat(43)).get("/api/agents");
        String scrape = admin.get("/actuator/prometheus", "Accept", "text/plain").body();
        assertThat(scrape).containsPattern("mosaic_api_tokens\\{state=\"active\"\\} [1-9]");
        assertThat(scrape).containsPattern("mosaic_api_token_requests_total\\{result=\"accepted\"\\} [1-9]");
        assertThat(scrape).containsPattern("mosaic_api_token_requests_total\\{result=\"rejected\"\\} [1-9]");
    }
}
