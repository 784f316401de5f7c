package dev.mosaic.bench;

import dev.mosaic.query.api.AgentConfigs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Config fetches by 100 agents, driven by wrk (a separate process): requests per second for full answers
 * (200) and for revalidations (304), against the ceiling of a static byte array of the same size behind the
 * same agent-token security, all measured in the same run: after a warm-up, three interleaved rounds of
 * the three phases; the medians are compared. Prints the ratios.
 *
 * <pre>./bench/run.sh ConfigFetchBenchmark [seconds-per-phase] [connections]</pre>
 */
public final class ConfigFetchBenchmark {
    private static final int AGENTS = 100;
    private static final int ROUNDS = 3;
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        try (BenchmarkServer server = new BenchmarkServer()) {
            String provider = server.provider("bench-openai", "gpt-4o", "gpt-mini");
            List<String[]> agents = server.agents("fetch", AGENTS, provider, "gpt-4o");
            HttpClient http = HttpClient.newHttpClient();
            String[] etags = new String[AGENTS];
            for (int i = 0; i < AGENTS; i++) {
                etags[i] = http.send(HttpRequest.newBuilder(URI.create(url(server.port, agents.get(i)[0], "")))
                                .header("Authorization", "Bearer " + agents.get(i)[1]).build(),
                        HttpResponse.BodyHandlers.discarding()).headers().firstValue("ETag").orElseThrow();
            }
            int size = server.context.getBean(AgentConfigs.class).byName("fetch-0").orElseThrow().document().length;
            System.out.printf("config fetch: %d agents, wrk -t2 -c%d, %d s per phase, config %d bytes%n",
                    AGENTS, connections, seconds, size);
            Path full = script(agents, null, "", 200);
            Path baseline = script(agents, null, "/baseline", 200);
            Path revalidate = script(agents, etags, "", 304);
            wrk(server.port, baseline, connections, 5);
            wrk(server.port, full, connections, 5);
            wrk(server.port, revalidate, connections, 5);
            List<Double> ceilings = new java.util.ArrayList<>();
            List<Double> fulls = new java.util.ArrayList<>();
            List<Double> revalidations = new java.util.ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                ceilings.add(wrk(server.port, baseline, connections, seconds));
                fulls.add(wrk(server.port, full, connections, seconds));
                revalidations.add(wrk(server.port, revalidate, connections, seconds));
            }
            System.out.printf("per round (req/s) baseline %s, config 200 %s, config 304 %s%n", ceilings, fulls, revalidations);
            double ceiling = median(ceilings);
            double fetch200 = median(fulls);
            double fetch304 = median(revalidations);
            System.out.printf("baseline (static bytes) 200: %9.0f req/s (median)%n", ceiling);
            System.out.printf("config 200:                  %9.0f req/s = %.2f x ceiling (target >= 0.80)%n", fetch200, fetch200 / ceiling);
            System.out.printf("config 304:                  %9.0f req/s = %.2f x ceiling (target >= 0.90)%n", fetch304, fetch304 / ceiling);
        }
        System.exit(0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new java.util.ArrayList<>(values);
        java.util.Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String url(int port, String agent, String suffix) {
        return "http://127.0.0.1:" + port + "/api/internal/agent-config/" + agent + suffix;
    }

    /**
     * A wrk script that cycles through the agents, each with its own token, and reports a wrong status.
     * Requests are formatted in init, once wrk has set the Host header.
     */
    private static Path script(List<String[]> agents, String[] etags, String suffix, int expected) throws IOException {
        StringBuilder lua = new StringBuilder("local requests = {}\ninit = function(args)\n");
        for (int i = 0; i < agents.size(); i++) {
            String[] agent = agents.get(i);
            lua.append("requests[").append(i + 1).append("] = wrk.format('GET', '/api/internal/agent-config/")
                    .append(agent[0]).append(suffix).append("', {['Authorization'] = 'Bearer ").append(agent[1]).append("'");
            if (etags != null) {
                lua.append(", ['If-None-Match'] = '").append(etags[i].replace("'", "\\'")).append("'");
            }
            lua.append("})\n");
        }
        lua.append("end\nlocal i = 0\n")
                .append("request = function() i = i % #requests + 1; return requests[i] end\n")
                .append("local wrong = 0\n")
                .append("response = function(status, headers, body) if status ~= ").append(expected).append(" then if wrong == 0 then io.write('FIRST WRONG ' .. status .. ' ' .. body .. '\\n') end wrong = wrong + 1 end end\n")
                .append("done = function() if wrong > 0 then io.write('WRONG STATUS: ' .. wrong .. '\\n') end end\n");
        Path file = Files.createTempFile("mosaic-wrk", ".lua");
        Files.writeString(file, lua, StandardCharsets.UTF_8);
        file.toFile().deleteOnExit();
        return file;
    }

    private static double wrk(int port, Path script, int connections, int seconds) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "-s", script.toString(),
                "http://127.0.0.1:" + port + "/").redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0 || output.contains("WRONG STATUS") || output.contains("Non-2xx")) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in wrk output:\n" + output);
        }
        return Double.parseDouble(rate.group(1));
    }
}
