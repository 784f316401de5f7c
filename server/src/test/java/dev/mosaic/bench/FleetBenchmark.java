package dev.mosaic.bench;

import dev.mosaic.server.MosaicApplication;
import dev.mosaic.server.cli.Cli;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.TestDatabase;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Issue 10's figures, Mosaic running as its own process (as {@code java -jar mosaic.jar} does, JVM defaults)
 * so that its RSS is its own: the fleet grows to each size, every agent holding one SSE stream; per size a
 * provider-key change touching every agent (HTTP command p99, every agent's SSE event p99 from the request) and
 * single-agent model changes (SSE p99 from the request); RSS idle after start and with the streams open; then
 * replay throughput over at least {@code replay-events} events (the agents' model assignments cloned in SQL),
 * the {@code replay} command run (on a second node started in this JVM) while the server runs.
 *
 * <pre>./bench/run.sh FleetBenchmark [sizes=1000,5000,10000] [model-rounds=100] [key-rounds=5] [replay-events=200000]</pre>
 */
public final class FleetBenchmark {
    private static final String KEY = "benchmark-secret-key-0123456789abcdefghij";

    public static void main(String[] args) throws Exception {
        int[] sizes = java.util.Arrays.stream((args.length > 0 ? args[0] : "1000,5000,10000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int modelRounds = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int keyRounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int replayEvents = args.length > 3 ? Integer.parseInt(args[3]) : 200_000;
        String database = TestDatabase.fresh();
        String url = database + (TestDatabase.user() == null ? "" : (database.contains("?") ? "&" : "?") + "user=" + TestDatabase.user());
        int port = freePort();
        Process server = launch(url, port);
        try {
            String code = setupCode(server);
            awaitUp(port);
            Thread.sleep(5000);
            long idleRss = rssMb(server.pid());
            Api admin = new Api(port);
            BenchmarkServer.require(admin.post("/api/onboarding/breakglass", Map.of("username", "bench",
                    "password", "benchmark-password", "setupCode", code)), 201);
            String provider = provider(admin);
            SseClient client = new SseClient();
            List<Stream> streams = new ArrayList<>();
            System.out.printf("idle after start: RSS %d MB%n", idleRss);
            System.out.println("| agents | key change HTTP p99 | all-agents SSE p99 (first change, cold) | all-agents SSE p99 (warm) "
                    + "| model change SSE p99 | RSS with streams | RSS per stream |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (int size : sizes) {
                List<String[]> added = createAgents(admin, provider, streams.size(), size);
                long before = rssMb(server.pid());
                for (String[] agent : added) {
                    streams.add(new Stream(client, port, agent[0], agent[1]));
                }
                for (Stream stream : streams) {
                    stream.awaitAny(60_000);
                }
                long withStreams = rssMb(server.pid());
                List<Double> commands = new ArrayList<>();
                List<Double> cold = new ArrayList<>();
                List<Double> everyAgent = new ArrayList<>();
                // round 0 is the warm-up: the first change this size sees, reported on its own as the cold figure
                for (int round = 0; round <= keyRounds; round++) {
                    Map<Stream, Long> expected = new java.util.HashMap<>();
                    streams.forEach(s -> expected.put(s, s.latest() + 1));
                    long sent = System.nanoTime();
                    BenchmarkServer.require(admin.put("/api/providers/" + provider + "/api-key",
                            Map.of("apiKey", "sk-rotated-" + size + "-" + round)), 200);
                    if (round > 0) {
                        commands.add((System.nanoTime() - sent) / 1e6);
                    }
                    for (Stream stream : streams) {
                        (round == 0 ? cold : everyAgent).add((stream.awaitVersion(expected.get(stream), 60_000) - sent) / 1e6);
                    }
                }
                List<Double> single = new ArrayList<>();
                for (int round = 0; round <= modelRounds; round++) {
                    Stream stream = streams.get((round * 7919) % streams.size());
                    long version = stream.latest() + 1;
                    long sent = System.nanoTime();
                    stream.model = stream.model.equals("m1") ? "m2" : "m1";
                    BenchmarkServer.require(admin.put("/api/agents/" + stream.agent + "/model", Map.of("providerId",
                            provider, "primaryModel", stream.model, "fallbacks", List.of())), 200);
                    double ms = (stream.awaitVersion(version, 10_000) - sent) / 1e6;
                    if (round > 0) { // round 0 warms up
                        single.add(ms);
                    }
                }
                System.out.println(String.format("| %,d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %d MB | %,d B |", size,
                        p99(commands), p99(cold), p99(everyAgent), p99(single), rssMb(server.pid()),
                        (withStreams - before) * 1024 * 1024 / Math.max(1, added.size())));
            }
            System.out.println("targets: key change HTTP p99 <= 100 ms; all-agents SSE p99 <= 1 s at 10,000; "
                    + "model change SSE p99 <= 50 ms; RSS <= 1 GB with 10,000 streams, <= 512 MB idle");
            replay(database, url, replayEvents);
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    /** A provider with models m1 and m2; returns its id. */
    static String provider(Api admin) {
        Api.Response created = admin.post("/api/providers", Map.of("name", "fleet", "displayName", "Fleet",
                "type", "openai", "apiKey", "sk-fleet", "models", List.of(Map.of("id", "m1", "name", "M1"),
                        Map.of("id", "m2", "name", "M2"))));
        BenchmarkServer.require(created, 201);
        return created.json().get("id").asText();
    }

    /** Agents fleet-{from}..fleet-{to - 1}, created by four clients at once and each rendered; name and token each. */
    static List<String[]> createAgents(Api admin, String provider, int from, int to) throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String[]>> futures = new ArrayList<>();
            for (int i = from; i < to; i++) {
                String name = "fleet-" + i;
                futures.add(pool.submit(() -> {
                    Api.Response agent = admin.post("/api/agents", Map.of("name", name, "displayName", name,
                            "gatewayUrl", "http://127.0.0.1:18789", "providerId", provider, "primaryModel", "m1",
                            "personality", "You are " + name + "."));
                    BenchmarkServer.require(agent, 201);
                    awaitRendered(admin, name);
                    return new String[]{name, agent.json().get("token").asText()};
                }));
            }
            List<String[]> created = new ArrayList<>();
            for (var future : futures) {
                created.add(future.get());
            }
            return created;
        } finally {
            pool.shutdown();
        }
    }

    /** An agent is served once its first version is rendered (a few milliseconds after it is created). */
    static void awaitRendered(Api admin, String agent) throws InterruptedException {
        for (int i = 0; i < 10_000; i++) {
            if (admin.get("/api/agents/" + agent + "/status").status() == 200) {
                return;
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException(agent + " was never rendered");
    }

    /** Clones the agents' model assignments until the store holds enough, then runs {@code mosaic replay} as a process. */
    private static void replay(String database, String url, int wanted) throws Exception {
        try (Connection db = DriverManager.getConnection(url)) {
            long have = single(db, "select count(*) from domain_event_entry");
            long agents = single(db, "select count(distinct aggregate_identifier) from domain_event_entry"
                    + " where payload_type like '%AgentModelAssigned'");
            if (agents == 0) {
                System.out.println("replay: no model assignments to clone; skipped");
                return;
            }
            long copies = Math.max(0, (wanted - have + agents - 1) / agents);
            var clone = db.prepareStatement("""
                    insert into domain_event_entry (global_index, sequence_number, meta_data, payload,
                        aggregate_identifier, event_identifier, payload_revision, payload_type, time_stamp, type)
                    select nextval('domain_event_entry_seq'), last.sequence_number + g, e.meta_data, e.payload,
                           e.aggregate_identifier, gen_random_uuid()::text, e.payload_revision, e.payload_type,
                           e.time_stamp, e.type
                    from (select distinct on (aggregate_identifier) * from domain_event_entry
                          where payload_type like '%AgentModelAssigned'
                          order by aggregate_identifier, sequence_number desc) e
                    join (select aggregate_identifier, max(sequence_number) sequence_number from domain_event_entry
                          group by aggregate_identifier) last using (aggregate_identifier)
                    cross join generate_series(1, ?) g
                    order by g, e.aggregate_identifier""");
            clone.setLong(1, copies);
            clone.executeUpdate();
            System.out.printf("replay over %,d events (model assignments cloned in SQL):%n",
                    single(db, "select count(*) from domain_event_entry"));
        }
        Map<String, Object> settings = new java.util.HashMap<>();
        settings.put("spring.datasource.url", database);
        if (TestDatabase.user() != null) {
            settings.put("spring.datasource.username", TestDatabase.user());
        }
        settings.put("mosaic.secret-key", KEY);
        settings.put("mosaic.rendering.enabled", false);
        settings.put("logging.level.root", "WARN");
        settings.put("logging.level.dev.mosaic.query.replay", "INFO");
        settings.put("spring.jmx.enabled", false);
        // a second node in this JVM runs the command, as Cli.execute does in a started context
        int exit;
        try (var node = new org.springframework.boot.builder.SpringApplicationBuilder(MosaicApplication.class)
                .properties(settings).run("--server.port=0", "--server.address=127.0.0.1")) {
            System.out.println("replay, warm-up run:");
            Cli.execute(node, new String[]{"replay"}, System.in, System.out, System.err);
            System.out.println("replay, measured run:");
            exit = Cli.execute(node, new String[]{"replay"}, System.in, System.out, System.err);
        }
        System.out.println("replay exit code " + exit);
    }

    private static long single(Connection db, String sql) throws java.sql.SQLException {
        try (var rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Mosaic's JVM options come from MOSAIC_JAVA_OPTS (e.g. "-Xmx768m"); JVM defaults without it. */
    static Process launch(String url, int port, String... jvmOptions) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        String options = System.getenv().getOrDefault("MOSAIC_JAVA_OPTS", "").trim();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MosaicApplication.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--logging.level.root=WARN",
                "--logging.level.dev.mosaic.server.onboarding=INFO")); // the setup code line
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("DATABASE_URL", url);
        builder.environment().put("MOSAIC_SECRET_KEY", KEY);
        return builder.start();
    }

    static String setupCode(Process process) throws Exception {
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String code = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = log.readLine()) != null; ) {
                    int at = line.indexOf("Setup code: ");
                    if (at >= 0) {
                        return line.substring(at + "Setup code: ".length()).strip();
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
            return null;
        }).get(180, TimeUnit.SECONDS);
        drain(log);
        return code;
    }

    /** Reads a process's output to its end (so it never blocks on a full pipe). */
    static void drain(Process process) {
        drain(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
    }

    private static void drain(BufferedReader log) {
        Thread drain = new Thread(() -> {
            String echo = System.getenv("BENCH_ECHO"); // e.g. "DEBUG" or "DEBUG|Pause": server log lines to show
            try {
                for (String line; (line = log.readLine()) != null; ) {
                    if (echo != null && java.util.Arrays.stream(echo.split("\\|")).anyMatch(line::contains)) {
                        System.out.println("server: " + line);
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    static void awaitUp(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 1800; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Mosaic did not start");
    }

    static long rssMb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    static double p99(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(0.99 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** One agent's change stream, read by the benchmark's {@link SseClient}. */
    static final class Stream implements SseClient.Listener {
        final String agent;
        private final Map<Long, Long> arrivals = new ConcurrentHashMap<>();
        private volatile long latest;
        String model = "m1";
        /** Told of each version the stream announces (a simulated agent applies it). */
        volatile java.util.function.LongConsumer onVersion = v -> {
        };

        Stream(SseClient client, int port, String agent, String token) {
            this.agent = agent;
            client.open(port, "/api/internal/agent-config/" + agent + "/events", token, this);
        }

        long latest() {
            return latest;
        }

        /** Whether the stream ever announced this version. */
        boolean announced(long version) {
            return arrivals.containsKey(version);
        }

        /** A new agent's stream may open before its first version is rendered (404): it is retried until it opens. */
        void awaitAny(long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (latest == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            if (latest == 0) {
                throw new IllegalStateException(agent + " has no stream");
            }
        }

        long awaitVersion(long version, long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (System.nanoTime() < deadline) {
                Long at = arrivals.get(version);
                if (at != null) {
                    return at;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000); // the arrival was timed by the reader: no need to spin
            }
            throw new IllegalStateException(agent + " never got version " + version);
        }

        @Override
        public void announced(long version, long at) {
            arrivals.put(version, at);
            latest = Math.max(latest, version);
            onVersion.accept(version);
        }

        @Override
        public void ended() {
        }
    }
}
