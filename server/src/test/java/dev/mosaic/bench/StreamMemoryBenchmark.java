package dev.mosaic.bench;

import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.TestDatabase;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one open agent stream costs a node: Mosaic as its own process (MOSAIC_JAVA_OPTS, with native memory
 * tracking added), the agents created first, then measured with no stream open and again with each number of
 * streams open (one per agent, after a full GC): live heap, the JVM's native memory by category, RSS, and the
 * classes whose live bytes grew, all divided by the streams opened.
 *
 * <pre>./bench/run.sh StreamMemoryBenchmark [streams=1000,10000]</pre>
 */
public final class StreamMemoryBenchmark {

    public static void main(String[] args) throws Exception {
        int[] sizes = java.util.Arrays.stream((args.length > 0 ? args[0] : "1000,10000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int agents = java.util.Arrays.stream(sizes).max().orElseThrow();
        String database = TestDatabase.fresh();
        String url = database + (TestDatabase.user() == null ? "" : (database.contains("?") ? "&" : "?") + "user=" + TestDatabase.user());
        int port = FleetBenchmark.freePort();
        Process server = FleetBenchmark.launch(url, port, "-XX:NativeMemoryTracking=summary");
        try {
            String code = FleetBenchmark.setupCode(server);
            FleetBenchmark.awaitUp(port);
            Api admin = new Api(port);
            BenchmarkServer.require(admin.post("/api/onboarding/breakglass", Map.of("username", "bench",
                    "password", "benchmark-password", "setupCode", code)), 201);
            String provider = FleetBenchmark.provider(admin);
            long started = System.nanoTime();
            List<String[]> fleet = FleetBenchmark.createAgents(admin, provider, 0, agents);
            System.out.printf("%,d agents created in %.1f s%n", agents, (System.nanoTime() - started) / 1e9);
            Jvm jvm = new Jvm(server.pid());
            jvm.snapshot(); // warm-up: the first full GC and histogram settle what start-up left behind
            Snapshot base = jvm.snapshot();
            System.out.printf("no stream open: heap %,d KB live, NMT %,d KB committed, RSS %,d KB%n",
                    base.heapBytes / 1024, base.nmtTotal() / 1024, base.rssKb);
            SseClient client = new SseClient();
            List<FleetBenchmark.Stream> streams = new ArrayList<>();
            for (int size : sizes) {
                for (int i = streams.size(); i < size; i++) {
                    String[] agent = fleet.get(i);
                    streams.add(new FleetBenchmark.Stream(client, port, agent[0], agent[1]));
                }
                for (FleetBenchmark.Stream stream : streams) {
                    stream.awaitAny(120_000);
                }
                Thread.sleep(2000);
                Snapshot open = jvm.snapshot();
                report(size, base, open);
            }
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static void report(int streams, Snapshot base, Snapshot open) {
        System.out.printf("%n%,d streams open: heap %,d KB live, NMT %,d KB committed, RSS %,d KB%n", streams,
                open.heapBytes / 1024, open.nmtTotal() / 1024, open.rssKb);
        System.out.printf("per stream: live heap %,d B, JVM committed (NMT) %,d B, RSS %,d B  (target <= 50 KB)%n",
                (open.heapBytes - base.heapBytes) / streams, (open.nmtTotal() - base.nmtTotal()) / streams,
                (open.rssKb - base.rssKb) * 1024 / streams);
        System.out.println("NMT committed per stream by category:");
        open.nmt.forEach((category, bytes) -> {
            long grew = (bytes - base.nmt.getOrDefault(category, 0L)) / streams;
            if (Math.abs(grew) >= 64) {
                System.out.printf("  %-24s %,8d B%n", category, grew);
            }
        });
        System.out.println("live heap per stream by class (largest growth):");
        open.classes.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue()[1] - base.classes.getOrDefault(e.getKey(), new long[2])[1]))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(25)
                .forEach(e -> {
                    long count = open.classes.get(e.getKey())[0] - base.classes.getOrDefault(e.getKey(), new long[2])[0];
                    System.out.printf("  %8.2f objects %,8d B  %s%n", (double) count / streams, e.getValue() / streams, e.getKey());
                });
    }

    record Snapshot(long heapBytes, Map<String, Long> nmt, Map<String, long[]> classes, long rssKb) {
        long nmtTotal() {
            return nmt.getOrDefault("Total", 0L);
        }
    }

    /** The measured process seen through jcmd (a class histogram forces a full GC first). */
    record Jvm(long pid) {
        private static final Pattern HISTOGRAM = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
        private static final Pattern NMT_TOTAL = Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB");
        private static final Pattern NMT_CATEGORY = Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB");

        Snapshot snapshot() throws Exception {
            Map<String, long[]> classes = new HashMap<>();
            long heap = 0;
            for (String line : jcmd("GC.class_histogram")) {
                Matcher m = HISTOGRAM.matcher(line);
                if (m.find()) {
                    long bytes = Long.parseLong(m.group(2));
                    classes.put(m.group(3), new long[]{Long.parseLong(m.group(1)), bytes});
                    heap += bytes;
                }
            }
            Map<String, Long> nmt = new java.util.LinkedHashMap<>();
            for (String line : jcmd("VM.native_memory", "summary")) {
                Matcher total = NMT_TOTAL.matcher(line);
                Matcher category = NMT_CATEGORY.matcher(line.trim());
                if (total.find()) {
                    nmt.put("Total", Long.parseLong(total.group(1)) * 1024);
                } else if (category.find()) {
                    nmt.put(category.group(1), Long.parseLong(category.group(2)) * 1024);
                }
            }
            return new Snapshot(heap, nmt, classes, FleetBenchmark.rssMb(pid) == -1 ? -1 : rssKb());
        }

        private long rssKb() throws Exception {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return -1;
        }

        private List<String> jcmd(String... command) throws Exception {
            List<String> line = new ArrayList<>(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid)));
            line.addAll(List.of(command));
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            List<String> out = new String(process.getInputStream().readAllBytes()).lines().toList();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + out);
            }
            return out;
        }
    }

    private StreamMemoryBenchmark() {
    }
}
