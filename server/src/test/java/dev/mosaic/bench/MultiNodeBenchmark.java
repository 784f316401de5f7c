package dev.mosaic.bench;

import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.TestDatabase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several Mosaic processes on one PostgreSQL, as a production cluster runs: the agents' streams spread over the
 * nodes (agent i on node i mod n), provider-key changes written to the first node reach every agent on every node
 * (p99 from the request, per node and overall); then the last node is killed with {@code kill -9} and the next
 * changes are written at once: its agents reconnect to the surviving nodes (as an agent does: after a short
 * pause, to the next node) and each must end on every version announced after the kill — none missed.
 *
 * <pre>MOSAIC_JAVA_OPTS=-Xmx512m ./bench/run.sh MultiNodeBenchmark [agents=9000] [nodes=3] [rounds=5]</pre>
 */
public final class MultiNodeBenchmark {

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
        int nodeCount = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String database = TestDatabase.fresh();
        String url = database + (TestDatabase.user() == null ? "" : (database.contains("?") ? "&" : "?") + "user=" + TestDatabase.user());
        List<Node> nodes = new ArrayList<>();
        try {
            nodes.add(Node.start(url));
            String code = FleetBenchmark.setupCode(nodes.get(0).process);
            FleetBenchmark.awaitUp(nodes.get(0).port);
            Api admin = new Api(nodes.get(0).port);
            BenchmarkServer.require(admin.post("/api/onboarding/breakglass", Map.of("username", "bench",
                    "password", "benchmark-password", "setupCode", code)), 201);
            String provider = FleetBenchmark.provider(admin);
            for (int i = 1; i < nodeCount; i++) { // after onboarding: a node started before it would issue its own code
                Node node = Node.start(url);
                FleetBenchmark.drain(node.process);
                nodes.add(node);
            }
            for (Node node : nodes) {
                FleetBenchmark.awaitUp(node.port);
            }
            long started = System.nanoTime();
            List<String[]> fleet = FleetBenchmark.createAgents(admin, provider, 0, agents);
            System.out.printf("%,d agents created in %.1f s on %d nodes%n", agents, (System.nanoTime() - started) / 1e9, nodeCount);
            ScheduledExecutorService retries = Executors.newScheduledThreadPool(2);
            SseClient client = new SseClient();
            List<Agent> streams = new ArrayList<>();
            for (int i = 0; i < fleet.size(); i++) {
                streams.add(new Agent(client, nodes, i % nodeCount, fleet.get(i), retries));
            }
            for (Agent agent : streams) {
                agent.awaitVersion(1, 120_000);
            }
            for (Node node : nodes) {
                System.out.printf("node %d: %,d streams, RSS %d MB%n", node.index, streams.stream()
                        .filter(s -> s.node.get() == node.index).count(), FleetBenchmark.rssMb(node.process.pid()));
            }
            // warm-up: one change through every node's path before anything is measured
            keyChange(admin, provider, streams, nodes, "warm-up");
            System.out.println("| round | write p99 | every agent p99 | slowest node p99 |");
            System.out.println("|---|---|---|---|");
            for (int round = 0; round < rounds; round++) {
                System.out.println(keyChange(admin, provider, streams, nodes, "round " + (round + 1)).row());
            }
            Node victim = nodes.get(nodeCount - 1);
            List<Agent> orphans = streams.stream().filter(s -> s.node.get() == victim.index).toList();
            long killed = System.nanoTime();
            victim.process.destroyForcibly(); // SIGKILL: no graceful end of its streams
            victim.alive = false;
            System.out.printf("killed node %d (kill -9) with %,d streams; changes written right after:%n",
                    victim.index, orphans.size());
            List<Long> announced = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                Outcome outcome = keyChange(admin, provider, streams, nodes, "after kill " + (round + 1));
                announced.add(outcome.expected);
                System.out.println(outcome.row());
            }
            long reconnected = orphans.stream().mapToLong(a -> a.reconnectedAt).max().orElse(killed);
            int missed = 0;
            for (Agent agent : streams) {
                for (Long offset : announced) {
                    if (!agent.sawAtLeast(agent.base + offset)) {
                        missed++;
                    }
                }
            }
            System.out.printf("every orphaned agent reconnected within %.0f ms of the kill; versions missed: %d%n",
                    (reconnected - killed) / 1e6, missed);
            for (Node node : nodes) {
                if (node.alive) {
                    System.out.printf("node %d: %,d streams, RSS %d MB%n", node.index, streams.stream()
                            .filter(s -> s.node.get() == node.index).count(), FleetBenchmark.rssMb(node.process.pid()));
                }
            }
            System.out.println("targets: every agent p99 <= 1 s on every node; after kill -9 none misses a version");
        } finally {
            for (Node node : nodes) {
                node.process.destroy();
                node.process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        System.exit(0);
    }

    record Outcome(String name, double write, double everyAgent, double slowestNode, long expected) {
        String row() {
            return String.format("| %s | %.1f ms | %.1f ms | %.1f ms |", name, write, everyAgent, slowestNode);
        }
    }

    /** One change touching every agent: each must announce its next version; arrivals timed from the request. */
    private static Outcome keyChange(Api admin, String provider, List<Agent> agents, List<Node> nodes, String name)
            throws Exception {
        long offset = agents.get(0).latest() - agents.get(0).base + 1;
        long sent = System.nanoTime();
        BenchmarkServer.require(admin.put("/api/providers/" + provider + "/api-key",
                Map.of("apiKey", "sk-" + name.replace(' ', '-'))), 200);
        double write = (System.nanoTime() - sent) / 1e6;
        List<Double> all = new ArrayList<>();
        Map<Integer, List<Double>> byNode = new HashMap<>();
        for (Agent agent : agents) {
            double ms = (agent.awaitVersion(agent.base + offset, 60_000) - sent) / 1e6;
            all.add(ms);
            byNode.computeIfAbsent(agent.node.get(), n -> new ArrayList<>()).add(ms);
        }
        double slowest = byNode.values().stream().mapToDouble(FleetBenchmark::p99).max().orElse(0);
        return new Outcome(name, write, FleetBenchmark.p99(all), slowest, offset);
    }

    /** A Mosaic process of the cluster. */
    static final class Node {
        private static final AtomicInteger COUNT = new AtomicInteger();
        final int index = COUNT.getAndIncrement();
        final int port;
        final Process process;
        volatile boolean alive = true;

        private Node(int port, Process process) {
            this.port = port;
            this.process = process;
        }

        static Node start(String url) throws Exception {
            int port = FleetBenchmark.freePort();
            return new Node(port, FleetBenchmark.launch(url, port));
        }
    }

    /**
     * An agent's change stream as the agent holds it: when it ends or fails, reopened after a short pause on the
     * next node that is up. Every version it announces is kept with its arrival time.
     */
    static final class Agent {
        final String name;
        final String token;
        final AtomicInteger node;
        /** The version the agent had when the benchmark started watching (its first). */
        final long base = 1;
        private final SseClient client;
        private final List<Node> nodes;
        private final ScheduledExecutorService retries;
        private final Map<Long, Long> arrivals = new ConcurrentHashMap<>();
        private volatile long latest;
        volatile long reconnectedAt;

        Agent(SseClient client, List<Node> nodes, int node, String[] agent, ScheduledExecutorService retries) {
            this.client = client;
            this.nodes = nodes;
            this.node = new AtomicInteger(node);
            this.name = agent[0];
            this.token = agent[1];
            this.retries = retries;
            open(false);
        }

        private void open(boolean reconnect) {
            client.open(nodes.get(node.get()).port, "/api/internal/agent-config/" + name + "/events", token,
                    new Connection(reconnect));
        }

        private void retry() {
            int next = node.get();
            do {
                next = (next + 1) % nodes.size();
            } while (!nodes.get(next).alive);
            node.set(next);
            retries.schedule(() -> open(true), 100 + (long) (Math.random() * 400), TimeUnit.MILLISECONDS);
        }

        long latest() {
            return latest;
        }

        boolean sawAtLeast(long version) {
            return latest >= version && arrivals.keySet().stream().anyMatch(v -> v >= version);
        }

        long awaitVersion(long version, long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (System.nanoTime() < deadline) {
                Long at = arrivals.get(version);
                if (at != null) {
                    return at;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
            throw new IllegalStateException(name + " never got version " + version + " (latest " + latest + ")");
        }

        /** One connection; its end (the node died or closed it) starts the next connection. */
        private final class Connection implements SseClient.Listener {
            private final boolean reconnect;
            private boolean first = true;

            Connection(boolean reconnect) {
                this.reconnect = reconnect;
            }

            @Override
            public void announced(long version, long at) {
                arrivals.putIfAbsent(version, at);
                latest = Math.max(latest, version);
                if (first && reconnect) {
                    reconnectedAt = at;
                }
                first = false;
            }

            @Override
            public void ended() {
                retry();
            }
        }
    }

    private MultiNodeBenchmark() {
    }
}
