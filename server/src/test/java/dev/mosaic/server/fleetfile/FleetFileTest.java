package dev.mosaic.server.fleetfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.LogScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.mosaic.server.fleetfile.FleetDocs.agent;
import static dev.mosaic.server.fleetfile.FleetDocs.doc;
import static dev.mosaic.server.fleetfile.FleetDocs.provider;
import static dev.mosaic.server.fleetfile.FleetDocs.putJson;
import static dev.mosaic.server.fleetfile.FleetDocs.putYaml;
import static dev.mosaic.server.fleetfile.FleetDocs.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/** GET/PUT /api/fleet and its schema: round trips, secrets, prune, staleness, YAML and JSON. */
@ExtendWith(OutputCaptureExtension.class)
class FleetFileTest extends IntegrationTest {

    private long storedEvents() {
        return database.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    @Test
    void anUnchangedExportAppliedStoresNothingAndASecondApplyNeither() {
        String p = unique("exp");
        String providerId = createProvider(p, "m1", "m2");
        createAgent(unique("exp-agent"), providerId, "m1");
        FleetDocs.Export export = FleetDocs.export(admin);
        assertThat(export.yaml()).contains("apiVersion: mosaic/v1").contains("kind: Fleet").contains("secret:")
                .doesNotContain("sk-" + p);
        long before = storedEvents();

        for (int i = 0; i < 2; i++) {
            Api.Response applied = putYaml(admin, "", export.yaml(), "If-Match", "\"" + export.seq() + "\"");
            assertThat(applied.status()).as(applied.body()).isEqualTo(200);
            assertThat(applied.json().get("commands")).isEmpty();
            assertThat(applied.json().get("tokens")).isEmpty();
            assertThat(applied.json().get("dryRun").asBoolean()).isFalse();
        }
        Api.Response asJson = admin.get("/api/fleet");
        assertThat(asJson.header("Content-Type")).startsWith("application/json");
        Api.Response appliedJson = putJson(admin, "", asJson.body());
        assertThat(appliedJson.status()).as(appliedJson.body()).isEqualTo(200);
        assertThat(appliedJson.json().get("commands")).isEmpty();
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(FleetDocs.export(admin).seq()).isEqualTo(export.seq());
    }

    @Test
    void randomValidFleetsComeBackAsWrittenAndApplyingThemAgainChangesNothing() {
        java.util.Random random = new java.util.Random(19);
        String prefix = "prop-" + UUID.randomUUID().toString().substring(0, 6);
        for (int round = 0; round < 6; round++) {
            Map<String, Object> providers = new LinkedHashMap<>();
            Map<String, List<String>> models = new LinkedHashMap<>();
            for (int i = 0; i < 3; i++) {
                String name = prefix + "-p" + i;
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("displayName", pick(random, "OpenAI", "Local: models", "true", "123", "Zé \"quoted\""));
                String type = pick(random, "openai", "anthropic", "zai", "ollama", "custom");
                p.put("type", type);
                p.put("baseUrl", type.equals("custom") || random.nextBoolean() ? "https://llm-" + i + ".example/v1" : null);
                p.put("apiType", random.nextBoolean() ? null : pick(random, "openai-completions", "openai-responses",
                        "anthropic-messages", "ollama"));
                p.put("apiKey", random.nextInt(4) == 0 ? null : "sk-prop-" + round + "-" + i + "-" + random.nextInt(1000));
                p.put("active", true);
                List<Map<String, Object>> list = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (int m = 0; m < 1 + random.nextInt(3); m++) {
                    String id = "model-" + random.nextInt(5) + "-" + m;
                    ids.add(id);
                    Map<String, Object> model = new LinkedHashMap<>();
                    model.put("id", id);
                    model.put("name", random.nextBoolean() ? id.toUpperCase() : id);
                    model.put("contextWindow", random.nextBoolean() ? null : 1000 * (1 + random.nextInt(200)));
                    model.put("maxTokens", random.nextBoolean() ? null : 100 * (1 + random.nextInt(80)));
                    list.add(model);
                }
                p.put("models", list);
                providers.put(name, p);
                models.put(name, ids);
            }
            Map<String, Object> agents = new LinkedHashMap<>();
            List<String> providerNames = new ArrayList<>(models.keySet());
            for (int i = 0; i < 4; i++) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("displayName", pick(random, "Support", "Sales: EU", "null", "yes", "Agent ünïcode"));
                a.put("role", random.nextBoolean() ? null : pick(random, "support", "sales", "# not a comment"));
                a.put("gatewayUrl", "http://agent-" + i + ".example:" + (18000 + random.nextInt(1000)));
                a.put("active", random.nextInt(4) != 0);
                a.put("canary", random.nextBoolean());
                String provider = providerNames.get(random.nextInt(providerNames.size()));
                String primary = models.get(provider).get(0);
                List<Map<String, Object>> fallbacks = new ArrayList<>();
                if (models.get(provider).size() > 1 && random.nextBoolean()) {
                    fallbacks.add(Map.of("provider", provider, "model", models.get(provider).get(1)));
                }
                Map<String, Object> model = new LinkedHashMap<>();
                model.put("provider", provider);
                model.put("primary", primary);
                model.put("fallbacks", fallbacks);
                a.put("model", model);
                a.put("personality", random.nextBoolean() ? null
                        : "You answer: politely.\nLine two with \"quotes\" and 'single' ones\n  indented: yes\n");
                a.put("toolPermissions", random.nextBoolean() ? List.of() : List.of("read", "web.search"));
                agents.put(prefix + "-a" + i, a);
            }
            Map<String, Object> document = doc(providers, agents);
            boolean json = random.nextBoolean();
            Api.Response applied = json ? putJson(admin, "", FleetDocs.json(document))
                    : putYaml(admin, "", yaml(document));
            assertThat(applied.status()).as("round %d: %s", round, applied.body()).isEqualTo(200);
            providers.values().forEach(p -> {
                Object key = ((Map<?, ?>) p).get("apiKey");
                if (key != null) {
                    LogScan.plant(key.toString());
                    assertThat(applied.body()).doesNotContain(key.toString());
                }
            });

            FleetDocs.Export export = FleetDocs.export(admin);
            JsonNode exported = export.tree();
            JsonNode written = FleetDocs.JSON.valueToTree(document);
            for (String name : providers.keySet()) {
                ObjectNode want = (ObjectNode) written.get("providers").get(name).deepCopy();
                ObjectNode got = (ObjectNode) exported.get("providers").get(name).deepCopy();
                assertThat(got.get("apiKey").isNull()).as("key of " + name).isEqualTo(want.get("apiKey").isNull());
                if (!got.get("apiKey").isNull()) {
                    assertThat(got.get("apiKey").asText()).matches("secret:[0-9a-f]{12}");
                }
                want.remove("apiKey");
                got.remove("apiKey");
                assertThat(got).as("round %d provider %s", round, name).isEqualTo(want);
            }
            for (String name : agents.keySet()) {
                assertThat(exported.get("agents").get(name)).as("round %d agent %s", round, name)
                        .isEqualTo(written.get("agents").get(name));
            }

            long before = storedEvents();
            Api.Response again = putYaml(admin, "", export.yaml(), "If-Match", "\"" + export.seq() + "\"");
            assertThat(again.json().get("commands")).as(again.body()).isEmpty();
            Api.Response same = json ? putJson(admin, "", FleetDocs.json(document)) : putYaml(admin, "", yaml(document));
            assertThat(same.json().get("commands")).as(same.body()).isEmpty();
            assertThat(storedEvents()).isEqualTo(before);
        }
    }

    @Test
    void keysAreKeptRestoredByAnEarlierMaskRefusedForAForeignMaskAndSetFromPlainText(CapturedOutput output) {
        String first = LogScan.plant("sk-first-" + UUID.randomUUID());
        String second = LogScan.plant("sk-second-" + UUID.randomUUID());
        String third = LogScan.plant("sk-third-" + UUID.randomUUID());
        String p = unique("keys");
        String agentName = unique("keys-agent");
        Map<String, Object> providers = new LinkedHashMap<>(Map.of(p, provider("Keys", first, "m1")));
        Map<String, Object> agents = Map.of(agentName, agent("Keys agent", p, "m1"));
        Api.Response created = putYaml(admin, "", yaml(doc(providers, agents)));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String token = created.json().get("tokens").get(0).get("token").asText();
        assertThat(created.json().get("tokens").get(0).get("name").asText()).isEqualTo(agentName);
        String firstMask = FleetDocs.export(admin).tree().get("providers").get(p).get("apiKey").asText();

        providers.put(p, provider("Keys", second, "m1"));
        Api.Response rotated = putYaml(admin, "", yaml(doc(providers, null)));
        assertThat(rotated.json().get("commands")).hasSize(1);
        assertThat(rotated.json().get("commands").get(0).get("summary").asText()).contains("API key").contains("changed");
        String secondMask = FleetDocs.export(admin).tree().get("providers").get(p).get("apiKey").asText();
        assertThat(secondMask).isNotEqualTo(firstMask).matches("secret:[0-9a-f]{12}");

        // the current mask keeps the key
        providers.put(p, provider("Keys", secondMask, "m1"));
        assertThat(putYaml(admin, "", yaml(doc(providers, null))).json().get("commands")).isEmpty();
        // an earlier mask restores that key: the agent is served it again
        providers.put(p, provider("Keys", firstMask, "m1"));
        Api.Response restored = putYaml(admin, "", yaml(doc(providers, null)));
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(restored.json().get("commands")).hasSize(1);
        assertThat(restored.json().get("agents").get(0).get("versionWouldMove").asBoolean()).isTrue();
        assertThat(FleetDocs.export(admin).tree().get("providers").get(p).get("apiKey").asText()).isEqualTo(firstMask);
        Api.Response config = anonymous().get("/api/internal/agent-config/" + agentName, "Authorization", "Bearer " + token);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).contains(first).doesNotContain(second);
        // a mask that is not one of this provider's keys: another provider's, or made up
        String other = unique("keys-other");
        assertThat(putYaml(admin, "", yaml(doc(Map.of(other, provider("Other", "sk-other-" + other, "m1")), null)))
                .status()).isEqualTo(200);
        String otherMask = FleetDocs.export(admin).tree().get("providers").get(other).get("apiKey").asText();
        for (String foreign : List.of(otherMask, "secret:000000000000", "secret:nonsense")) {
            providers.put(p, provider("Keys", foreign, "m1"));
            Api.Response refused = putYaml(admin, "", yaml(doc(providers, null)));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("providers." + p + ".apiKey");
        }
        // plain text sets a new key
        providers.put(p, provider("Keys", third, "m1"));
        Api.Response set = putYaml(admin, "?dryRun=true", yaml(doc(providers, null)));
        assertThat(set.json().get("dryRun").asBoolean()).isTrue();
        assertThat(set.json().get("commands")).hasSize(1);
        assertThat(FleetDocs.export(admin).tree().get("providers").get(p).get("apiKey").asText()).isEqualTo(firstMask);
        assertThat(putYaml(admin, "", yaml(doc(providers, null))).json().get("commands")).hasSize(1);
        String thirdMask = FleetDocs.export(admin).tree().get("providers").get(p).get("apiKey").asText();
        assertThat(thirdMask).isNotIn(firstMask, secondMask);

        List<String> secrets = List.of(first, second, third, token);
        List<String> tables = new ArrayList<>();
        for (String table : database.queryForList(
                "select table_name from information_schema.tables where table_schema = 'public'", String.class)) {
            database.query("select * from " + table, rs -> {
                for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                    byte[] bytes = rs.getBytes(column);
                    String text = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8) + rs.getString(column);
                    secrets.stream().filter(text::contains).forEach(s -> tables.add(table));
                }
            });
        }
        assertThat(tables).as("tables with a plaintext secret").isEmpty();
        String everyAnswer = FleetDocs.export(admin).yaml() + admin.get("/api/fleet").body()
                + admin.get("/api/audit?limit=200").body() + restored.body() + set.body();
        List.of(first, second, third).forEach(s -> assertThat(everyAnswer).doesNotContain(s));
        secrets.forEach(s -> assertThat(output.getAll()).doesNotContain(s));
    }

    @Test
    void entitiesADocumentLacksAreUnmanagedUnlessPrunedAndAnAbsentCollectionIsNotManaged() {
        String p = unique("prune");
        String keep = unique("prune-keep");
        String drop = unique("prune-drop");
        assertThat(putYaml(admin, "", yaml(doc(Map.of(p, provider("Prune", null, "m1")),
                Map.of(keep, agent("Keep", p, "m1"), drop, agent("Drop", p, "m1"))))).status()).isEqualTo(200);
        ObjectNode whole = FleetDocs.export(admin).tree();
        ((ObjectNode) whole.get("agents")).remove(drop);
        String withoutDrop = yaml(whole);

        Api.Response unmanaged = putYaml(admin, "", withoutDrop);
        assertThat(unmanaged.json().get("commands")).isEmpty();
        assertThat(unmanaged.json().get("unmanaged").toString()).contains("{\"entityType\":\"agent\",\"entityId\":\"" + drop + "\"}");
        assertThat(admin.get("/api/agents/" + drop).status()).isEqualTo(200);

        long before = storedEvents();
        Api.Response plan = putYaml(admin, "?prune=true&dryRun=true", withoutDrop);
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        assertThat(plan.json().get("commands")).hasSize(1);
        assertThat(plan.json().get("commands").get(0).get("action").asText()).isEqualTo("remove");
        assertThat(plan.json().get("commands").get(0).get("entityType").asText()).isEqualTo("agent");
        assertThat(plan.json().get("unmanaged")).isEmpty();
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(admin.get("/api/agents/" + drop).status()).isEqualTo(200);

        // a document without the agents key manages no agent, even with prune
        ObjectNode providersOnly = FleetDocs.export(admin).tree();
        providersOnly.remove("agents");
        Api.Response noAgents = putYaml(admin, "?prune=true", yaml(providersOnly));
        assertThat(noAgents.json().get("commands")).as(noAgents.body()).isEmpty();

        Api.Response pruned = putYaml(admin, "?prune=true", withoutDrop);
        assertThat(pruned.json().get("commands")).as(pruned.body()).hasSize(1);
        assertThat(admin.get("/api/agents/" + drop).status()).isEqualTo(404);
        assertThat(admin.get("/api/agents/" + keep).status()).isEqualTo(200);
    }

    @Test
    void ifMatchIsStaleOnlyForAnEntityTheDocumentTouchesThatChangedSince() {
        String p = unique("stale");
        String mine = unique("stale-mine");
        String other = unique("stale-other");
        assertThat(putYaml(admin, "", yaml(doc(Map.of(p, provider("Stale", null, "m1")),
                Map.of(mine, agent("Mine", p, "m1"), other, agent("Other", p, "m1"))))).status()).isEqualTo(200);
        FleetDocs.Export export = FleetDocs.export(admin);
        String ifMatch = "\"" + export.seq() + "\"";

        assertThat(admin.patch("/api/agents/" + other, Map.of("displayName", "Other, renamed")).status()).isEqualTo(200);
        ObjectNode edited = export.tree();
        ObjectNode onlyMine = FleetDocs.JSON.createObjectNode();
        onlyMine.set(mine, ((ObjectNode) edited.get("agents").get(mine)).put("displayName", "Mine, edited"));
        edited.set("agents", onlyMine);
        Api.Response applied = putYaml(admin, "", yaml(edited), "If-Match", ifMatch);
        assertThat(applied.status()).as("a change elsewhere does not make it stale: " + applied.body()).isEqualTo(200);
        assertThat(applied.json().get("commands")).hasSize(1);
        assertThat(applied.json().get("commands").get(0).get("summary").asText()).contains("update agent " + mine)
                .contains("displayName");

        // the other agent was changed after the export: a document that would set it back is stale
        ObjectNode otherAsExported = export.tree();
        ObjectNode onlyOther = FleetDocs.JSON.createObjectNode();
        onlyOther.set(other, otherAsExported.get("agents").get(other));
        otherAsExported.set("agents", onlyOther);
        Api.Response stale = putYaml(admin, "", yaml(otherAsExported), "If-Match", ifMatch);
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        assertThat(stale.json().get("entityId").asText()).isEqualTo(other);
        assertThat(stale.json().get("detail").asText()).contains("changed after #" + export.seq());
        assertThat(putYaml(admin, "", yaml(export.tree()), "If-Match", "not-a-seq").status()).isEqualTo(400);
        Api.Response future = putYaml(admin, "", yaml(export.tree()), "If-Match", "\"999999999\"");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().get("errors").get(0).get("field").asText()).isEqualTo("If-Match");
    }

    @Test
    void aCreatedAgentsTokenComesBackOnceAndOpensItsConfig() {
        String p = unique("tok");
        String a = unique("tok-agent");
        String document = yaml(doc(Map.of(p, provider("Tok", null, "m1")), Map.of(a, agent("Tok agent", p, "m1"))));
        Api.Response plan = putYaml(admin, "?dryRun=true", document);
        assertThat(plan.json().get("tokens")).isEmpty();
        assertThat(plan.json().get("commands")).hasSize(2);
        assertThat(plan.json().get("seq").asLong()).isEqualTo(plan.json().get("baseSeq").asLong());
        Api.Response applied = putYaml(admin, "", document);
        assertThat(applied.json().get("seq").asLong()).isGreaterThan(applied.json().get("baseSeq").asLong());
        String token = applied.json().get("tokens").get(0).get("token").asText();
        assertThat(anonymous().get("/api/internal/agent-config/" + a, "Authorization", "Bearer " + token).status())
                .isEqualTo(200);
        assertThat(putYaml(admin, "", document).json().get("tokens")).isEmpty();
        assertThat(FleetDocs.export(admin).yaml()).doesNotContain(token);
        String audit = admin.get("/api/audit?entityType=agent&limit=50").body();
        assertThat(audit).contains(a).doesNotContain(token);
    }

    @Test
    void everyInvalidDocumentIsA400NamingItsDottedPath() {
        String p = unique("bad");
        assertThat(putYaml(admin, "", yaml(doc(Map.of(p, provider("Bad", null, "m1")), null))).status()).isEqualTo(200);
        String head = "apiVersion: mosaic/v1\nkind: Fleet\n";
        String prov = "providers:\n  " + p + ":\n    displayName: Bad\n    type: openai\n    models: [{id: m1}]\n";
        String ag = "agents:\n  support:\n    displayName: S\n    gatewayUrl: http://s:18789\n";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(head + prov + ag + "    modle: {provider: " + p + ", primary: m1}\n", "agents.support.modle");
        cases.put(head + prov + ag + "    model: {provider: " + p + ", primary: m9}\n", "agents.support.model.primary");
        cases.put(head + prov + ag + "    model: {provider: nope, primary: m1}\n", "agents.support.model.provider");
        cases.put(head + prov + ag + "    model: {provider: " + p + ", primary: m1, fallbacks: [{provider: " + p
                + ", model: zz}]}\n", "agents.support.model.fallbacks[0].model");
        cases.put(head + prov + ag + "    model: {primary: m1}\n", "agents.support.model.provider");
        cases.put(head + prov + ag + "    active: maybe\n", "agents.support.active");
        cases.put(head + prov + "agents:\n  support:\n    gatewayUrl: http://s:18789\n", "agents.support.displayName");
        cases.put(head + prov + "agents:\n  support:\n    displayName: S\n    gatewayUrl: not a url\n",
                "agents.support.gatewayUrl");
        cases.put(head + prov + "agents:\n  Bad_Name:\n    displayName: S\n    gatewayUrl: http://s:1\n", "agents.Bad_Name");
        cases.put(head + "providers:\n  " + p + ":\n    displayName: Bad\n    type: opneai\n    models: [{id: m1}]\n",
                "providers." + p + ".type");
        cases.put(head + "providers:\n  " + p + ":\n    displayName: Bad\n    type: openai\n", "providers." + p + ".models");
        cases.put(head + "providers:\n  " + p + ":\n    displayName: Bad\n    type: openai\n    models: [{name: x}]\n",
                "providers." + p + ".models[0].id");
        cases.put(head + "providers:\n  " + p + ":\n    displayName: Bad\n    type: openai\n    models: [{id: m1, "
                + "contextWindow: lots}]\n", "providers." + p + ".models[0].contextWindow");
        cases.put(head + "providers:\n  " + p + ":\n    type: custom\n    models: [{id: m1}]\n", "providers." + p + ".displayName");
        cases.put(head + "providers:\n  " + p + ":\n    displayName: B\n    type: custom\n    models: [{id: m1}]\n",
                "providers." + p + ".baseUrl");
        cases.put(head + "providers:\n  " + p + ":\n    displayName: B\n    type: openai\n    apiType: grpc\n    models: "
                + "[{id: m1}]\n", "providers." + p + ".apiType");
        cases.put(head + "providers:\n  " + p + ":\n    displayName: B\n    displayName: C\n    type: openai\n"
                + "    models: [{id: m1}]\n", "providers." + p + ".displayName");
        cases.put("apiVersion: mosaic/v2\nkind: Fleet\n", "apiVersion");
        cases.put("apiVersion: mosaic/v1\nkind: Fleat\n", "kind");
        cases.put("apiVersion: mosaic/v1\nkind: Fleet\nextra: 1\n", "extra");
        cases.put("apiVersion: mosaic/v1\nkind: Fleet\nproviders: [a, b]\n", "providers");
        cases.put("apiVersion: 'mosaic/v1\nkind: Fleet\n", "body");
        cases.put("apiVersion: mosaic/v1\nkind: [Fleet\n", "kind");
        cases.put("just text", "body");
        cases.put("", "body");
        long before = storedEvents();
        cases.forEach((document, field) -> {
            Api.Response response = putYaml(admin, "?dryRun=true", document);
            assertThat(response.status()).as(document + "\n" + response.body()).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            List<String> fields = new ArrayList<>();
            response.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
            assertThat(fields).as(document + "\n" + response.body()).contains(field);
            Api.Response applied = putYaml(admin, "", document);
            assertThat(applied.status()).as(document).isEqualTo(400);
        });
        Api.Response json = putJson(admin, "", "{\"apiVersion\":\"mosaic/v1\",\"kind\":\"Fleet\",\"agents\":{\"x1\":"
                + "{\"displayName\":\"X\",\"gatewayUrl\":\"http://x:1\",\"canery\":true}}}");
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.json().get("errors").get(0).get("field").asText()).isEqualTo("agents.x1.canery");
        assertThat(putJson(admin, "", "{not json").json().get("errors").get(0).get("field").asText()).isEqualTo("body");
        Api.Response typo = putYaml(admin, "?dryrun=true", "apiVersion: mosaic/v1\nkind: Fleet\n");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("errors").get(0).get("field").asText()).isEqualTo("dryrun");
        Api.Response maybe = putYaml(admin, "?dryRun=maybe", "apiVersion: mosaic/v1\nkind: Fleet\n");
        assertThat(maybe.status()).isEqualTo(400);
        assertThat(maybe.json().get("errors").get(0).get("field").asText()).isEqualTo("dryRun");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void theSchemaIsGeneratedFromTheDocumentTypesAndForbidsUnknownKeys() {
        Api.Response schema = admin.get("/api/fleet/schema");
        assertThat(schema.status()).isEqualTo(200);
        JsonNode root = schema.json();
        assertThat(root.get("additionalProperties").asBoolean()).isFalse();
        assertThat(root.get("required").toString()).contains("apiVersion").contains("kind");
        assertThat(root.get("properties").get("kind").toString()).contains("\"Fleet\"");
        assertThat(root.get("properties").get("agents").toString() + defs(root)).contains("Agent");
        JsonNode defs = root.get("$defs");
        assertThat(defs).isNotNull();
        List<String> closed = new ArrayList<>();
        defs.fields().forEachRemaining(e -> {
            if (e.getValue().get("additionalProperties") != null && !e.getValue().get("additionalProperties").asBoolean(true)) {
                closed.add(e.getKey());
            }
        });
        assertThat(closed).contains("Agent", "Provider", "AgentModel", "Fallback", "Model");
        assertThat(defs.get("Agent").get("required").toString()).contains("displayName").contains("gatewayUrl");
        assertThat(defs.get("Provider").get("properties").get("type").get("enum").toString()).contains("custom");
        assertThat(admin.get("/api/fleet", "Accept", "application/yaml").header("Content-Type"))
                .startsWith("application/yaml");
    }

    @Test
    void applyingWritesTheAuditAsAnyWrite() {
        String p = unique("audit");
        Api.Response applied = putYaml(admin, "", yaml(doc(Map.of(p, provider("Audit", null, "m1")), null)));
        assertThat(applied.status()).isEqualTo(200);
        JsonNode items = admin.get("/api/audit?entityType=provider&limit=20").json().get("items");
        List<String> lines = new ArrayList<>();
        items.forEach(i -> lines.add(i.get("summary").asText() + " by " + i.get("actor").get("name").asText()));
        assertThat(lines).anyMatch(l -> l.contains(p) && l.endsWith(" by " + ADMIN));
        String metrics = admin.get("/actuator/prometheus", "Accept", "text/plain").body();
        assertThat(metrics.lines()).anyMatch(l -> l.startsWith("mosaic_fleet_file_requests_total{")
                && l.contains("changes=\"yes\"") && l.contains("mode=\"apply\""));
    }

    @Test
    void underARolloutPolicyAnApplyStartsARolloutAsAnyWriteAndAPlanDoesNot() throws InterruptedException {
        String p = unique("roll");
        String a = unique("roll-agent");
        Map<String, Object> agent = new LinkedHashMap<>(agent("Rolled", p, "m1"));
        assertThat(putYaml(admin, "", yaml(doc(Map.of(p, provider("Roll", null, "m1")), Map.of(a, agent)))).status())
                .isEqualTo(200);
        Api.Response policy = admin.put("/api/settings/rollout", Map.of("enabled", true, "waves", List.of(100),
                "verify", "applied", "bakeSeconds", 1));
        assertThat(policy.status()).as(policy.body()).isEqualTo(200);
        String rollout = null;
        try {
            agent.put("toolPermissions", List.of("read"));
            String changed = yaml(doc(null, Map.of(a, agent)));
            Api.Response plan = putYaml(admin, "?dryRun=true", changed);
            assertThat(plan.status()).as(plan.body()).isEqualTo(200);
            assertThat(plan.header("Mosaic-Rollout")).as("a plan starts nothing").isNull();
            Api.Response applied = putYaml(admin, "?dryRun=false", changed);
            assertThat(applied.status()).as(applied.body()).isEqualTo(200);
            rollout = applied.header("Mosaic-Rollout");
            assertThat(rollout).as("the apply starts a rollout, as any write that moves a version").isNotBlank();
            assertThat(until(rollout, r -> r.status() == 200).json().get("cause").get("summary").asText()).isNotBlank();
        } finally {
            if (rollout != null) {
                until(rollout, r -> r.status() == 200);
                admin.post("/api/rollouts/" + rollout + "/abort", Map.of());
                until(rollout, r -> r.status() == 200 && !r.json().get("finishedAt").isNull());
            }
            assertThat(admin.put("/api/settings/rollout", Map.of("enabled", false)).status()).isEqualTo(200);
        }
    }

    /** Reads the rollout until {@code done} holds (20 s at most). */
    private Api.Response until(String rollout, java.util.function.Predicate<Api.Response> done) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        Api.Response read = admin.get("/api/rollouts/" + rollout);
        while (!done.test(read) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            read = admin.get("/api/rollouts/" + rollout);
        }
        assertThat(done.test(read)).as("rollout " + rollout + ": " + read).isTrue();
        return read;
    }

    private static String defs(JsonNode root) {
        return root.get("$defs").toString();
    }

    @SafeVarargs
    private static <T> T pick(java.util.Random random, T... values) {
        return values[random.nextInt(values.length)];
    }
}
