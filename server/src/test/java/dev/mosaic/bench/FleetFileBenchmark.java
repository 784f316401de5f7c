package dev.mosaic.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mosaic.server.testing.Api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The fleet as one document at size: {@code providers} providers and {@code agents} agents (spread over them,
 * each with a fallback on another provider), created by one {@code PUT /api/fleet}. Then, each {@code rounds}
 * times: the export ({@code GET /api/fleet} as YAML), the plan of a change to every agent ({@code PUT ?dryRun=true}
 * with new tool permissions for all, so every agent's config version would move) and its apply ({@code PUT} with
 * {@code If-Match}: the answer time; rendering happens after the answer, off the command path), and an unchanged
 * export applied again (no commands). Targets: export ≤ 1 s, plan ≤ 1 s, apply ≤ 3 s. Prints p50 and max.
 *
 * <pre>./bench/run.sh FleetFileBenchmark [agents=1000] [providers=50] [rounds=5]</pre>
 */
public final class FleetFileBenchmark {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int providers = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (BenchmarkServer server = new BenchmarkServer()) {
            Api admin = server.admin;
            String first = YAML.writeValueAsString(document(agents, providers, "initial"));
            double created = time(() -> require(put(admin, "", first, null), 200));
            System.out.printf("created %d providers and %d agents with one PUT /api/fleet (%d KB of YAML) in %.1f s%n",
                    providers, agents, first.length() / 1024, created / 1000);

            List<Double> exports = new ArrayList<>();
            List<Double> plans = new ArrayList<>();
            List<Double> applies = new ArrayList<>();
            List<Double> unchanged = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) { // round 0 is the warm-up, dropped below
                String[] exported = new String[1];
                exports.add(time(() -> exported[0] = require(admin.get("/api/fleet", "Accept", "application/yaml"), 200).body()));
                long seq = Long.parseLong(admin.get("/api/fleet").header("ETag").replace("\"", ""));
                String changed = YAML.writeValueAsString(document(agents, providers, "round-" + round));
                Api.Response[] plan = new Api.Response[1];
                plans.add(time(() -> plan[0] = require(put(admin, "?dryRun=true", changed, null), 200)));
                check(plan[0], agents, "plan");
                Api.Response[] applied = new Api.Response[1];
                applies.add(time(() -> applied[0] = require(put(admin, "", changed, seq), 200)));
                check(applied[0], agents, "apply");
                String again = require(admin.get("/api/fleet", "Accept", "application/yaml"), 200).body();
                Api.Response[] same = new Api.Response[1];
                unchanged.add(time(() -> same[0] = require(put(admin, "", again, null), 200)));
                if (!same[0].json().get("commands").isEmpty()) {
                    throw new IllegalStateException("an unchanged export planned commands: " + same[0].body().substring(0, 500));
                }
            }
            for (List<Double> timings : List.of(exports, plans, applies, unchanged)) {
                timings.remove(0);
            }
            report("export GET /api/fleet (YAML)", exports, 1000);
            report("plan of a change to every agent (dryRun)", plans, 1000);
            report("apply of that change (answer time)", applies, 3000);
            report("apply of an unchanged export (no commands)", unchanged, 1000);
        }
        System.exit(0); // a non-daemon Axon thread may outlive the closed context
    }

    /** A fleet whose every agent's tool permissions carry {@code tag}, so that each round changes every agent. */
    static Map<String, Object> document(int agents, int providers, String tag) {
        Map<String, Object> ps = new LinkedHashMap<>();
        for (int p = 0; p < providers; p++) {
            Map<String, Object> provider = new LinkedHashMap<>();
            provider.put("displayName", "Provider " + p);
            provider.put("type", "openai");
            provider.put("apiKey", "sk-bench-provider-" + p);
            provider.put("models", List.of(Map.of("id", "gpt-4o", "name", "GPT-4o", "contextWindow", 128000),
                    Map.of("id", "gpt-4o-mini", "name", "GPT-4o mini")));
            ps.put("provider-" + p, provider);
        }
        Map<String, Object> as = new LinkedHashMap<>();
        for (int a = 0; a < agents; a++) {
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("displayName", "Agent " + a);
            agent.put("role", "support");
            agent.put("gatewayUrl", "http://agent-" + a + ":18789");
            agent.put("model", Map.of("provider", "provider-" + (a % providers), "primary", "gpt-4o",
                    "fallbacks", List.of(Map.of("provider", "provider-" + ((a + 1) % providers), "model", "gpt-4o-mini"))));
            agent.put("personality", "You are agent " + a + ". You answer briefly.");
            agent.put("toolPermissions", List.of("read", tag));
            as.put("agent-" + a, agent);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "mosaic/v1");
        doc.put("kind", "Fleet");
        doc.put("providers", ps);
        doc.put("agents", as);
        return doc;
    }

    private static Api.Response put(Api admin, String query, String yaml, Long ifMatch) {
        return ifMatch == null
                ? admin.sendRaw("PUT", "/api/fleet" + query, yaml, "Content-Type", "application/yaml")
                : admin.sendRaw("PUT", "/api/fleet" + query, yaml, "Content-Type", "application/yaml",
                "If-Match", "\"" + ifMatch + "\"");
    }

    private static void check(Api.Response answer, int agents, String what) {
        int commands = answer.json().get("commands").size();
        long moving = 0;
        for (var a : answer.json().get("agents")) {
            if (a.get("versionWouldMove").asBoolean()) {
                moving++;
            }
        }
        if (commands != agents || moving != agents) {
            throw new IllegalStateException(what + ": expected " + agents + " commands and moving agents, got "
                    + commands + " and " + moving);
        }
    }

    private static Api.Response require(Api.Response response, int status) {
        BenchmarkServer.require(response, status);
        return response;
    }

    private static double time(Supplier<?> action) {
        long start = System.nanoTime();
        action.get();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void report(String what, List<Double> millis, double target) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        double max = sorted.get(sorted.size() - 1);
        System.out.printf("%-46s n=%d  p50 %.0f ms  max %.0f ms  (target ≤ %.0f ms: %s)%n", what, sorted.size(),
                sorted.get(sorted.size() / 2), max, target, sorted.get(sorted.size() / 2) <= target ? "met" : "MISSED");
    }
}
