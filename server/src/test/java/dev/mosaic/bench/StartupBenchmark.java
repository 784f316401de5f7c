package dev.mosaic.bench;

import dev.mosaic.server.testing.TestDatabase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up as an operator sees it: {@code java -jar server/target/mosaic.jar} as a process, timed from launch to
 * {@code /actuator/health/readiness} answering UP; a first boot on an empty database (every migration) and a restart
 * on the same database, each round on a database of its own. One unmeasured round first warms the file cache.
 * Three ways to run the same build: the executable jar as built; the jar extracted
 * ({@code java -Djarmode=tools -jar mosaic.jar extract}: plain jars on the class path, no nested-jar class loading);
 * and extracted with a class data sharing archive from a training run (what ops/Dockerfile builds).
 *
 * <pre>./bench/run.sh StartupBenchmark [rounds=3]</pre>
 */
public final class StartupBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path jar = Path.of("server", "target", "mosaic.jar").toAbsolutePath();
        Path extracted = java.nio.file.Files.createTempDirectory("mosaic-extracted");
        run(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", extracted.resolve("app").toString()), null);
        Path thin = extracted.resolve("app").resolve("mosaic.jar");
        Path archive = extracted.resolve("app").resolve("mosaic.jsa");
        run(List.of(java(), "-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-jar", thin.toString(),
                "--server.port=0"), url());
        System.out.println("| how it runs | first boot (median) | restart (median) |");
        System.out.println("|---|---|---|");
        measure("java -jar mosaic.jar", rounds, List.of("-jar", jar.toString()));
        measure("extracted: java -jar app/mosaic.jar", rounds, List.of("-jar", thin.toString()));
        measure("extracted + CDS archive", rounds, List.of("-XX:SharedArchiveFile=" + archive, "-jar", thin.toString()));
        System.out.println("target: <= 10,000 ms from launch to readiness UP, first boot and restart");
        System.exit(0);
    }

    private static void measure(String name, int rounds, List<String> launch) throws Exception {
        List<Long> first = new ArrayList<>();
        List<Long> restart = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            String url = url();
            long boot = timeToReady(launch, url);
            long again = timeToReady(launch, url);
            if (round > 0) { // round 0 warms the file cache
                first.add(boot);
                restart.add(again);
            }
        }
        System.out.printf("| %s | %,d ms %s | %,d ms %s |%n", name, median(first), first, median(restart), restart);
    }

    private static String url() {
        String database = TestDatabase.fresh();
        return database + (TestDatabase.user() == null ? "" : (database.contains("?") ? "&" : "?") + "user=" + TestDatabase.user());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void run(List<String> command, String url) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (url != null) {
            builder.environment().put("DATABASE_URL", url);
            builder.environment().put("MOSAIC_SECRET_KEY", "benchmark-secret-key-0123456789abcdefghij");
        }
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed");
        }
    }

    private static long timeToReady(List<String> launch, String url) throws Exception {
        int port = FleetBenchmark.freePort();
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m"));
        command.addAll(launch);
        command.addAll(List.of("--server.port=" + port, "--server.address=127.0.0.1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DATABASE_URL", url);
        builder.environment().put("MOSAIC_SECRET_KEY", "benchmark-secret-key-0123456789abcdefghij");
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build();
            while (process.isAlive()) {
                try {
                    HttpResponse<String> response = http.send(readiness, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                        return (System.nanoTime() - started) / 1_000_000;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("Mosaic exited with " + process.exitValue());
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private StartupBenchmark() {
    }
}
