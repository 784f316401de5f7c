package dev.mosaic.bench;

import dev.mosaic.server.testing.Api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Change notification latency with many subscribers: every agent holds one SSE stream. Measures, from the
 * moment the admin's HTTP response arrives, (a) a model change reaching that agent's subscriber and (b) a
 * provider-key change reaching every subscriber. Prints p50/p99/max in milliseconds.
 *
 * <pre>./bench/run.sh NotificationBenchmark [subscribers] [model-change-rounds] [key-change-rounds]</pre>
 */
public final class NotificationBenchmark {

    public static void main(String[] args) throws Exception {
        int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int modelRounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int keyRounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (BenchmarkServer server = new BenchmarkServer()) {
            String provider = server.provider("bench-openai", "gpt-4o", "gpt-mini");
            long started = System.nanoTime();
            List<String[]> agents = server.agents("notify", subscribers, provider, "gpt-4o");
            System.out.printf("registered %d agents in %.1f s%n", subscribers, (System.nanoTime() - started) / 1e9);

            HttpClient http = HttpClient.newHttpClient();
            List<Stream> streams = new ArrayList<>();
            for (String[] agent : agents) {
                streams.add(new Stream(http, server.port, agent));
            }
            for (Stream stream : streams) {
                stream.awaitVersion(1, 30_000);
            }
            System.out.printf("%d SSE subscribers connected; server threads in use stay bounded (async)%n", streams.size());

            List<Double> modelLatencies = new ArrayList<>();
            List<Double> modelFromSend = new ArrayList<>();
            for (int round = 0; round < modelRounds; round++) {
                Stream stream = streams.get(round % streams.size());
                long version = stream.latest() + 1;
                String model = version % 2 == 0 ? "gpt-mini" : "gpt-4o";
                long sent = System.nanoTime();
                Api.Response response = server.admin.put("/api/agents/" + stream.agent + "/model",
                        Map.of("providerId", provider, "primaryModel", model, "fallbacks", List.of()));
                long answered = System.nanoTime();
                BenchmarkServer.require(response, 200);
                long arrived = stream.awaitVersion(version, 5_000);
                modelLatencies.add((arrived - answered) / 1e6);
                modelFromSend.add((arrived - sent) / 1e6);
            }
            System.out.println("(negative: the event reached the agent before the admin's HTTP response did)");
            print("model change -> that agent's subscriber, from the HTTP response", modelLatencies);
            print("model change -> that agent's subscriber, from sending the request", modelFromSend);

            List<Double> keyLatencies = new ArrayList<>();
            List<Double> keyFromSend = new ArrayList<>();
            List<Double> commandTimes = new ArrayList<>();
            for (int round = 0; round < keyRounds; round++) {
                Map<Stream, Long> expected = new java.util.HashMap<>();
                streams.forEach(s -> expected.put(s, s.latest() + 1));
                long sent = System.nanoTime();
                Api.Response response = server.admin.put("/api/providers/" + provider + "/api-key",
                        Map.of("apiKey", "sk-rotated-" + round));
                long answered = System.nanoTime();
                BenchmarkServer.require(response, 200);
                commandTimes.add((answered - sent) / 1e6);
                for (Stream stream : streams) {
                    long arrived = stream.awaitVersion(expected.get(stream), 30_000);
                    keyLatencies.add((arrived - answered) / 1e6);
                    keyFromSend.add((arrived - sent) / 1e6);
                }
            }
            print("provider-key change -> every subscriber, from the HTTP response", keyLatencies);
            print("provider-key change -> every subscriber, from sending the request", keyFromSend);
            print("provider-key change: the HTTP command itself (re-renders " + subscribers + " agents)", commandTimes);
        }
        System.exit(0);
    }

    private static void print(String what, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("%s: n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms (target p50 <= 20, p99 <= 100)%n", what,
                sorted.size(), percentile(sorted, 50), percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    /** One agent's SSE subscription, read asynchronously (no thread per stream on this side either). */
    private static final class Stream implements Flow.Subscriber<String> {
        final String agent;
        private final Map<Long, Long> arrivals = new ConcurrentHashMap<>();
        private volatile long latest;

        Stream(HttpClient http, int port, String[] agent) {
            this.agent = agent[0];
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/internal/agent-config/" + agent[0] + "/events"))
                    .header("Authorization", "Bearer " + agent[1]).build();
            CompletableFuture<HttpResponse<Void>> ignored =
                    http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(this));
        }

        long latest() {
            return latest;
        }

        long awaitVersion(long version, long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (System.nanoTime() < deadline) {
                Long at = arrivals.get(version);
                if (at != null) {
                    return at;
                }
                Thread.onSpinWait();
            }
            throw new IllegalStateException(agent + " never got version " + version);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("id:")) {
                long version = Long.parseLong(line.substring(3).trim());
                arrivals.put(version, System.nanoTime());
                latest = Math.max(latest, version);
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }
}
