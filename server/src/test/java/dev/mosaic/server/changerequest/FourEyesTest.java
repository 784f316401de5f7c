package dev.mosaic.server.changerequest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.command.api.CreateBreakglassUser;
import dev.mosaic.command.api.SetChangePolicy;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.LogScan;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four-eyes over HTTP: with the change policy on, every governed write is refused unless proposed; a proposal is
 * validated like the write; another admin approves; the request is applied in one go, refused when stale, and the
 * audit names the request, its author and its approvers. Secrets in a proposal are never shown or stored in plain.
 */
@ExtendWith(OutputCaptureExtension.class)
class FourEyesTest extends IntegrationTest {
    private static final String REQUESTS = "/api/change-requests";
    @Autowired
    CommandGateway commands;
    private Api bob;
    private Api carol;
    private String provider;
    private String providerId;

    @BeforeEach
    void fleetAndSecondAdmins() {
        providerId = createProvider(provider = unique("fe"), "m1", "m2");
        bob = breakglassAdmin();
        carol = breakglassAdmin();
    }

    @AfterEach
    void fourEyesOff() {
        commands.sendAndWait(new SetChangePolicy(null, 0));
    }

    private Api breakglassAdmin() {
        String username = unique("admin");
        String password = "password-of-" + username;
        commands.sendAndWait(new CreateBreakglassUser(UUID.randomUUID().toString(), username, password, false));
        Api api = anonymous();
        assertThat(api.login(username, password).status()).isEqualTo(200);
        return api;
    }

    private void policy(int approvals) {
        commands.sendAndWait(new SetChangePolicy(null, approvals));
    }

    private String agent() {
        String name = unique("fe-agent");
        createAgent(name, providerId, "m1");
        return name;
    }

    private String propose(Api author, String method, String path, Object body) {
        Api.Response proposed = switch (method) {
            case "POST" -> author.post(path + "?propose=true", body);
            case "PUT" -> author.put(path + "?propose=true", body);
            case "PATCH" -> author.patch(path + "?propose=true", body);
            default -> author.delete(path + "?propose=true");
        };
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        assertThat(proposed.json().get("state").asText()).isEqualTo("open");
        return proposed.json().get("id").asText();
    }

    @Test
    void withThePolicyOffAProposalIsRefusedAndWritesPass() {
        Api.Response proposed = admin.put("/api/agents/" + agent() + "/model?propose=true",
                Map.of("providerId", providerId, "primaryModel", "m2"));
        assertThat(proposed.status()).isEqualTo(400);
        assertThat(proposed.json().at("/errors/0/field").asText()).isEqualTo("propose");
        Api.Response encoded = admin.put("/api/agents/" + agent() + "/model?%70ropose=true",
                Map.of("providerId", providerId, "primaryModel", "m2"));
        assertThat(encoded.status()).as("a percent-encoded propose is a propose").isEqualTo(400);
        String previewed = agent();
        Api.Response dryRun = admin.put("/api/agents/" + previewed + "/model?%64ryRun=true",
                Map.of("providerId", providerId, "primaryModel", "m2"));
        assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
        assertThat(dryRun.json().get("dryRun").asBoolean()).as("a percent-encoded dryRun is a dry run").isTrue();
        assertThat(admin.get("/api/agents/" + previewed).json().get("primaryModel").asText()).isEqualTo("m1");
        assertThat(admin.get("/api/settings/change-policy").json().get("approvalsRequired").asInt()).isZero();
    }

    @Test
    void everyGovernedWriteIsRefusedUnlessProposed() {
        String agent = agent();
        assertThat(admin.put("/api/settings/change-policy", Map.of("approvalsRequired", 1)).status())
                .as("raising the policy needs no approval").isEqualTo(200);
        List<Api.Response> refused = List.of(
                admin.post("/api/providers", Map.of("name", unique("p"), "displayName", "P", "type", "openai",
                        "apiKey", "sk-x", "models", List.of(Map.of("id", "m")))),
                admin.patch("/api/providers/" + providerId, Map.of("displayName", "Renamed")),
                admin.put("/api/providers/" + providerId + "/api-key", Map.of("apiKey", "sk-new")),
                admin.delete("/api/providers/" + providerId),
                admin.post("/api/agents", Map.of("name", unique("a"), "displayName", "A", "gatewayUrl",
                        "http://127.0.0.1:1", "providerId", providerId, "primaryModel", "m1")),
                admin.patch("/api/agents/" + agent, Map.of("displayName", "Renamed")),
                admin.put("/api/agents/" + agent + "/model", Map.of("providerId", providerId, "primaryModel", "m2")),
                admin.post("/api/agents/" + agent + "/token", null),
                admin.delete("/api/agents/" + agent),
                admin.put("/api/settings/oidc", Map.of("issuerUrl", "https://idp.example")),
                admin.delete("/api/settings/oidc"),
                admin.put("/api/settings/rollout", Map.of("enabled", true)),
                admin.post("/api/revert", Map.of("seq", 1)),
                admin.put("/api/settings/change-policy", Map.of("approvalsRequired", 0)),
                admin.put("/api/fleet", Map.of("apiVersion", "mosaic/v1", "kind", "Fleet", "agents", Map.of())));
        for (Api.Response response : refused) {
            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.json().get("approvalRequired").asBoolean()).isTrue();
        }
        assertThat(admin.post("/api/providers/" + providerId + "/test", null).status())
                .as("a connection test changes nothing").isNotEqualTo(403);
        Api.Response dryRun = admin.put("/api/agents/" + agent + "/model?dryRun=true",
                Map.of("providerId", providerId, "primaryModel", "m2"));
        assertThat(dryRun.status()).as("a dry run changes nothing").isEqualTo(200);
        Api.Response revertPreview = admin.post("/api/revert", Map.of("seq", 1, "dryRun", true));
        assertThat(revertPreview.status()).as("a revert's preview changes nothing: " + revertPreview.body()).isEqualTo(200);
        assertThat(revertPreview.json().get("dryRun").asBoolean()).isTrue();
        assertThat(admin.get("/api/agents/" + agent).json().get("primaryModel").asText()).isEqualTo("m1");
    }

    @Test
    void aProposalIsValidatedLikeTheWrite() {
        String agent = agent();
        policy(1);
        Api.Response invalid = admin.put("/api/agents/" + agent + "/model?propose=true",
                Map.of("providerId", providerId, "primaryModel", "no-such-model"));
        assertThat(invalid.status()).isEqualTo(400);
        Api.Response unknown = admin.put("/api/agents/" + unique("nobody") + "/model?propose=true",
                Map.of("providerId", providerId, "primaryModel", "m2"));
        assertThat(unknown.status()).isEqualTo(404);
        Api.Response badFlag = admin.put("/api/agents/" + unique("nobody") + "/model?propose=maybe", Map.of());
        assertThat(badFlag.status()).isEqualTo(400);
        assertThat(badFlag.json().at("/errors/0/field").asText()).isEqualTo("propose");
        assertThat(admin.get(REQUESTS + "?state=open").body()).doesNotContain("no-such-model");
    }

    @Test
    void anotherAdminApprovesAndTheChangeIsAppliedWithBothNamesInTheAudit() {
        String agent = agent();
        policy(1);
        long before = servedConfigs.byName(agent).orElseThrow().version();
        String id = propose(admin, "PUT", "/api/agents/" + agent + "/model", Map.of("providerId", providerId, "primaryModel", "m2"));

        JsonNode detail = bob.get(REQUESTS + "/" + id).json();
        assertThat(detail.get("title").asText()).isEqualTo("Change the model of agent " + agent + " to m2");
        assertThat(detail.at("/author/name").asText()).isEqualTo(ADMIN);
        assertThat(detail.get("stale").asBoolean()).isFalse();
        assertThat(detail.at("/preview/agents/0/name").asText()).isEqualTo(agent);
        assertThat(detail.at("/preview/agents/0/versionWouldMove").asBoolean()).isTrue();
        assertThat(detail.at("/operation/path").asText()).isEqualTo("/api/agents/" + agent + "/model");

        Api.Response selfApproval = admin.post(REQUESTS + "/" + id + "/approve", Map.of());
        assertThat(selfApproval.status()).isEqualTo(403);
        Api.Response token = admin.post("/api/tokens", Map.of("name", unique("ci"), "role", "ADMIN"));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        Api.Response throughOwnToken = anonymous().post(REQUESTS + "/" + id + "/approve", Map.of(),
                "Authorization", "Bearer " + token.json().get("token").asText());
        assertThat(throughOwnToken.status()).as("the author's own token is still the author").isEqualTo(403);
        Api.Response earlyApply = admin.post(REQUESTS + "/" + id + "/apply", null);
        assertThat(earlyApply.status()).isEqualTo(409);
        Api.Response approved = bob.post(REQUESTS + "/" + id + "/approve", Map.of("comment", "fine by me"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("state").asText()).isEqualTo("approved");
        assertThat(approved.json().at("/approvals/0/comment").asText()).isEqualTo("fine by me");
        assertThat(bob.post(REQUESTS + "/" + id + "/approve", Map.of()).status()).isEqualTo(409);

        Api.Response applied = admin.post(REQUESTS + "/" + id + "/apply", null);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().get("state").asText()).isEqualTo("applied");
        assertThat(applied.json().get("appliedSeq").asLong()).isPositive();
        assertThat(admin.get("/api/agents/" + agent).json().get("primaryModel").asText()).isEqualTo("m2");
        awaitRendered();
        assertThat(servedConfigs.byName(agent).orElseThrow().version()).isGreaterThan(before);
        assertThat(admin.post(REQUESTS + "/" + id + "/apply", null).status()).as("applied once").isEqualTo(409);

        JsonNode audit = admin.get("/api/audit?entityType=agent&limit=20").json().get("items");
        assertThat(audit.toString()).contains("change request " + id.substring(0, 8) + " by " + ADMIN
                + ", approved by " + bob.get("/api/auth/me").json().get("username").asText());
        String metrics = admin.get("/actuator/prometheus", "Accept", "text/plain").body();
        assertThat(metrics).containsPattern("mosaic_change_requests\\{state=\"applied\"} [1-9]")
                .contains("mosaic_change_policy_approvals 1.0");
        JsonNode requestAudit = admin.get("/api/audit?entityType=change-request&entityId=" + id).json().get("items");
        assertThat(requestAudit).extracting(item -> item.get("eventType").asText())
                .contains("ChangeRequestProposed", "ChangeRequestApproved", "ChangeRequestApplied");
    }

    @Test
    void twoApprovalsNeedTwoOtherAdmins() {
        String agent = agent();
        policy(2);
        String id = propose(admin, "PATCH", "/api/agents/" + agent, Map.of("displayName", "Two pairs of eyes"));
        assertThat(bob.post(REQUESTS + "/" + id + "/approve", Map.of()).json().get("state").asText()).isEqualTo("open");
        assertThat(admin.post(REQUESTS + "/" + id + "/apply", null).status()).isEqualTo(409);
        assertThat(carol.post(REQUESTS + "/" + id + "/approve", Map.of()).json().get("state").asText()).isEqualTo("approved");
        assertThat(bob.post(REQUESTS + "/" + id + "/apply", null).status()).isEqualTo(200);
        assertThat(admin.get("/api/agents/" + agent).json().get("displayName").asText()).isEqualTo("Two pairs of eyes");
    }

    @Test
    void aRequestWhoseEntityChangedMeanwhileIsStaleOthersAreNot() {
        String agent = agent();
        String other = agent();
        policy(1);
        String first = propose(admin, "PUT", "/api/agents/" + agent + "/model", Map.of("providerId", providerId, "primaryModel", "m2"));
        String second = propose(admin, "PATCH", "/api/agents/" + agent, Map.of("displayName", "Later"));
        String elsewhere = propose(admin, "PATCH", "/api/agents/" + other, Map.of("displayName", "Elsewhere"));
        for (String id : List.of(first, second, elsewhere)) {
            assertThat(bob.post(REQUESTS + "/" + id + "/approve", Map.of()).status()).isEqualTo(200);
        }
        assertThat(admin.post(REQUESTS + "/" + first + "/apply", null).status()).isEqualTo(200);

        JsonNode stale = admin.get(REQUESTS + "/" + second).json();
        assertThat(stale.get("stale").asBoolean()).isTrue();
        assertThat(stale.at("/touched/0/name").asText()).isEqualTo(agent);
        Api.Response refused = admin.post(REQUESTS + "/" + second + "/apply", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().at("/stale/name").asText()).isEqualTo(agent);
        assertThat(admin.get("/api/agents/" + agent).json().get("displayName").asText()).isNotEqualTo("Later");

        assertThat(admin.get(REQUESTS + "/" + elsewhere).json().get("stale").asBoolean()).isFalse();
        assertThat(admin.post(REQUESTS + "/" + elsewhere + "/apply", null).status()).isEqualTo(200);
    }

    @Test
    void rejectedAndCancelledRequestsAreNeverApplied() {
        String agent = agent();
        policy(1);
        String rejected = propose(admin, "DELETE", "/api/agents/" + agent, null);
        assertThat(admin.post(REQUESTS + "/" + rejected + "/reject", Map.of("comment", "no")).status())
                .as("the author cannot reject (cancel instead)").isEqualTo(403);
        Api.Response noReason = bob.post(REQUESTS + "/" + rejected + "/reject", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        Api.Response rejection = bob.post(REQUESTS + "/" + rejected + "/reject", Map.of("comment", "we still need it"));
        assertThat(rejection.json().get("state").asText()).isEqualTo("rejected");
        assertThat(rejection.json().at("/decidedBy/name").asText()).isNotBlank();
        assertThat(rejection.json().get("decisionComment").asText()).isEqualTo("we still need it");
        assertThat(admin.post(REQUESTS + "/" + rejected + "/apply", null).status()).isEqualTo(409);
        assertThat(carol.post(REQUESTS + "/" + rejected + "/approve", Map.of()).status()).isEqualTo(409);

        String cancelled = propose(admin, "DELETE", "/api/agents/" + agent, null);
        assertThat(admin.post(REQUESTS + "/" + cancelled + "/cancel", null).json().get("state").asText()).isEqualTo("cancelled");
        assertThat(admin.post(REQUESTS + "/" + cancelled + "/apply", null).status()).isEqualTo(409);
        assertThat(admin.get("/api/agents/" + agent).status()).as("the agent is still there").isEqualTo(200);
        assertThat(admin.get(REQUESTS + "/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void loweringThePolicyIsItselfAChangeRequest() {
        policy(1);
        String id = propose(admin, "PUT", "/api/settings/change-policy", Map.of("approvalsRequired", 0));
        bob.post(REQUESTS + "/" + id + "/approve", Map.of());
        assertThat(admin.post(REQUESTS + "/" + id + "/apply", null).status()).isEqualTo(200);
        assertThat(admin.get("/api/settings/change-policy").json().get("approvalsRequired").asInt()).isZero();
    }

    @Test
    void aProposedKeyIsSealedShownMaskedAndAppliedAsSent(CapturedOutput output) {
        String agent = agent();
        policy(1);
        String key = LogScan.plant("sk-proposed-" + UUID.randomUUID());
        Api.Response proposed = admin.put("/api/providers/" + providerId + "/api-key?propose=true", Map.of("apiKey", key));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        String id = proposed.json().get("id").asText();
        assertThat(proposed.body()).doesNotContain(key).doesNotContain("enc:v1:").contains("secret:");
        assertThat(admin.get(REQUESTS).body()).doesNotContain(key).doesNotContain("enc:v1:");
        assertThat(bob.get(REQUESTS + "/" + id).body()).doesNotContain(key).doesNotContain("enc:v1:");
        assertThat(database.queryForObject("select state::text from change_request_view where change_request_id = ?",
                String.class, id)).doesNotContain(key).contains("enc:v1:");
        assertThat(database.queryForObject("select count(*) from domain_event_entry where convert_from(payload, 'UTF8') like ?",
                Integer.class, "%" + key + "%")).isZero();

        bob.post(REQUESTS + "/" + id + "/approve", Map.of());
        Api.Response applied = admin.post(REQUESTS + "/" + id + "/apply", null);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.body()).doesNotContain(key);
        awaitRendered();
        assertThat(servedConfigs.byName(agent).orElseThrow().document()).asString().contains(key);
        assertThat(admin.get("/api/audit?limit=50").body()).doesNotContain(key).doesNotContain("enc:v1:");
        assertThat(output.getAll()).doesNotContain(key);
    }

    @Test
    void aFleetFileSentAsYamlIsProposedAndAppliedLikeAnyWrite() throws Exception {
        String agent = agent();
        policy(1);
        com.fasterxml.jackson.databind.node.ObjectNode document =
                (com.fasterxml.jackson.databind.node.ObjectNode) admin.get("/api/fleet").json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) document.get("agents").get(agent)).put("displayName", "From the file");
        String yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(document);
        Api.Response proposed = admin.sendRaw("PUT", "/api/fleet?propose=true", yaml, "Content-Type", "application/yaml");
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        String id = proposed.json().get("id").asText();
        assertThat(proposed.json().get("title").asText()).isEqualTo("Apply a fleet file");
        assertThat(proposed.body()).doesNotContain("enc:v1:");
        bob.post(REQUESTS + "/" + id + "/approve", Map.of());
        Api.Response applied = admin.post(REQUESTS + "/" + id + "/apply", null);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(admin.get("/api/agents/" + agent).json().get("displayName").asText()).isEqualTo("From the file");
    }

    @Test
    void underARolloutPolicyApplyingARequestStartsARolloutAsAnyWriteWould() throws InterruptedException {
        String agent = agent();
        Api.Response rolloutPolicy = admin.put("/api/settings/rollout", Map.of("enabled", true, "waves", List.of(100),
                "verify", "applied", "bakeSeconds", 1));
        assertThat(rolloutPolicy.status()).as(rolloutPolicy.body()).isEqualTo(200);
        String rollout = null;
        try {
            policy(1);
            String id = propose(admin, "PUT", "/api/agents/" + agent + "/model", Map.of("providerId", providerId, "primaryModel", "m2"));
            bob.post(REQUESTS + "/" + id + "/approve", Map.of());
            Api.Response applied = admin.post(REQUESTS + "/" + id + "/apply", null);
            assertThat(applied.status()).as(applied.body()).isEqualTo(200);
            rollout = applied.json().path("rolloutId").asText(null);
            assertThat(rollout).as("the applied change starts a rollout").isNotBlank();
            assertThat(applied.header("Mosaic-Rollout")).isEqualTo(rollout);
            assertThat(untilRollout(rollout, r -> r.status() == 200).json().at("/cause/summary").asText())
                    .contains("change request " + id.substring(0, 8));
        } finally {
            if (rollout != null) {
                untilRollout(rollout, r -> r.status() == 200);
                admin.post("/api/rollouts/" + rollout + "/abort", Map.of());
                untilRollout(rollout, r -> r.status() == 200 && !r.json().get("finishedAt").isNull());
            }
            policy(0);
            assertThat(admin.put("/api/settings/rollout", Map.of("enabled", false)).status()).isEqualTo(200);
        }
    }

    /** Reads the rollout until {@code done} holds (20 s at most). */
    private Api.Response untilRollout(String rollout, java.util.function.Predicate<Api.Response> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        Api.Response read = admin.get("/api/rollouts/" + rollout);
        while (!done.test(read) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            read = admin.get("/api/rollouts/" + rollout);
        }
        assertThat(done.test(read)).as("rollout " + rollout + ": " + read).isTrue();
        return read;
    }
}
