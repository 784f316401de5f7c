package dev.mosaic.server.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The built {@code mosaic.jar} as a real process: a server on a free loopback port, or one recovery command.
 * Each gets only {@code DATABASE_URL} and {@code MOSAIC_SECRET_KEY} (and {@code SERVER_PORT}), as in production,
 * and a working folder of its own, so it never falls back to the development database under {@code ./data}.
 */
public final class MosaicProcess implements AutoCloseable {
    /** Faster starts for tests (C1 only, one GC thread); behaviour is the same. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m");
    private static final Pattern SETUP_CODE = Pattern.compile("Setup code: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private MosaicProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** {@code server/target/mosaic.jar}, built by {@code package}; tests on it run in {@code verify} (failsafe). */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("mosaic.jar", "target/mosaic.jar")).toAbsolutePath();
        assumeTrue(Files.isRegularFile(jar), "no built jar at " + jar + ": run these tests with ./mvnw -B verify");
        return jar;
    }

    /** A JDBC URL of the test database that carries its user, as {@code DATABASE_URL} would. */
    public static String databaseUrl(String jdbcUrl) {
        if (TestDatabase.user() == null || jdbcUrl.contains("user=")) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "user=" + TestDatabase.user();
    }

    /** Starts a server and waits until it answers; fails with its log if it exits first. */
    public static MosaicProcess start(String databaseUrl, String secretKey) {
        MosaicProcess server = launch(databaseUrl, secretKey);
        server.awaitLive(Duration.ofSeconds(180));
        return server;
    }

    /** Starts a server without waiting (for a start that is expected to fail). */
    public static MosaicProcess launch(String databaseUrl, String secretKey) {
        try {
            Path dir = workDir("server");
            int port = freePort();
            Path log = dir.resolve("mosaic.log");
            ProcessBuilder builder = builder(dir, databaseUrl, secretKey, List.of("--server.address=127.0.0.1"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            return new MosaicProcess(builder.start(), port, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + jar(), e);
        }
    }

    public record CliResult(int exitCode, String out, String err, Duration took) {
        @Override
        public String toString() {
            return "exit " + exitCode + " after " + took.toMillis() + " ms\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Runs one recovery command to its end, {@code stdin} written to its standard input. */
    public static CliResult cli(String databaseUrl, String secretKey, String stdin, String... args) {
        try {
            Path dir = workDir("cli");
            Path out = dir.resolve("stdout");
            Path err = dir.resolve("stderr");
            long started = System.nanoTime();
            Process process = builder(dir, databaseUrl, secretKey, List.of(args))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (OutputStream input = process.getOutputStream()) {
                input.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the command " + String.join(" ", args) + " did not end in 180 s");
            }
            return new CliResult(process.exitValue(), Files.readString(out), Files.readString(err),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ProcessBuilder builder(Path dir, String databaseUrl, String secretKey, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("MOSAIC_SECRET_KEY");
        builder.environment().remove("SERVER_PORT");
        builder.environment().put("DATABASE_URL", databaseUrl);
        if (secretKey != null) {
            builder.environment().put("MOSAIC_SECRET_KEY", secretKey);
        }
        return builder;
    }

    private static Path workDir(String kind) throws IOException {
        Path parent = Path.of("target", "processes");
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, kind + "-").toAbsolutePath();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Api api() {
        return new Api(port);
    }

    /** Everything the process wrote so far (stdout and stderr). */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last setup code the server printed. */
    public String setupCode() {
        Matcher matcher = SETUP_CODE.matcher(log());
        String code = null;
        while (matcher.find()) {
            code = matcher.group(1);
        }
        assertThat(code).as("a setup code in the log:\n%s", tail()).isNotNull();
        return code;
    }

    /** The last lines of the log, for failure messages. */
    public String tail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** GET of a path without cookies (health probes, agents' bearer requests). */
    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitLive(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Mosaic exited with " + process.exitValue() + " while starting:\n" + tail());
            }
            try {
                if (get("/actuator/health/liveness").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        process.destroyForcibly();
        throw new AssertionError("Mosaic did not start within " + timeout + ":\n" + tail());
    }

    /** Waits for the process to end by itself; its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Mosaic did not exit within " + timeout + ":\n" + tail());
        }
        return process.exitValue();
    }

    /** SIGTERM, as a container runtime or systemd stops a service; how long the process took to exit. */
    public Duration terminate(Duration patience) throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        boolean exited = process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (!exited) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        return took;
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Fails if any of the secrets appears in the log. */
    public void assertLogHasNone(String... secrets) {
        String text = log();
        for (String secret : secrets) {
            assertThat(text.contains(secret)).as("a planted secret appears in the log of the process on port %d", port)
                    .isFalse();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate(Duration.ofSeconds(60));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
