package dev.mosaic.server.fleetfile;

import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.MosaicProcess;
import dev.mosaic.server.testing.MosaicProcess.CliResult;
import dev.mosaic.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar mosaic.jar fleet export|plan|apply} as CI runs it: a process of its own on the built jar, with
 * only MOSAIC_URL and MOSAIC_TOKEN (an API token issued by {@code token create}) and no database, against a
 * running Mosaic. Prints the CLI's start-to-exit times as figures.
 */
class FleetCliIT {
    private static final String KEY = "fleet-cli-test-key-0123456789abcdefghijklmn";
    private static final String ROOT_PASSWORD = "root-password-for-fleet-cli";
    private static final String SECRET = "sk-fleet-cli-env-secret-5d1e0b";

    @Test
    void exportPlanAndApplyOverHttpWithSecretsFromTheEnvironment() throws Exception {
        MosaicProcess.jar();
        String database = MosaicProcess.databaseUrl(TestDatabase.fresh());
        try (MosaicProcess server = MosaicProcess.start(database, KEY)) {
            Api root = server.api();
            Api.Response created = root.post("/api/onboarding/breakglass",
                    Map.of("username", "root", "password", ROOT_PASSWORD, "setupCode", server.setupCode()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            CliResult issued = MosaicProcess.cli(database, KEY, "", "token", "create", "--username", "root",
                    "--name", "ci", "--role", "ADMIN");
            assertThat(issued.exitCode()).as(issued.toString()).isZero();
            String token = issued.out().strip();
            String url = "http://127.0.0.1:" + server.port();
            Path dir = Files.createTempDirectory(Path.of("target"), "fleet-cli-").toAbsolutePath();
            Map<String, String> env = Map.of("MOSAIC_URL", url, "MOSAIC_TOKEN", token, "OPENAI_KEY", SECRET);
            List<Fleet> runs = new ArrayList<>();

            Fleet export = fleet(dir, env, "", "export", "--file", dir.resolve("fleet.yaml").toString());
            runs.add(export);
            assertThat(export.exitCode()).as(export.toString()).isZero();
            assertThat(Files.readString(dir.resolve("fleet.yaml"))).contains("apiVersion: mosaic/v1")
                    .contains("kind: Fleet");

            Fleet unchanged = fleet(dir, env, "", "plan", "--file", dir.resolve("fleet.yaml").toString());
            runs.add(unchanged);
            assertThat(unchanged.exitCode()).as(unchanged.toString()).isZero();
            assertThat(unchanged.out()).contains("No changes");

            Path wanted = dir.resolve("wanted.yaml");
            Files.writeString(wanted, """
                    # yaml-language-server: $schema=%s/api/fleet/schema
                    apiVersion: mosaic/v1
                    kind: Fleet
                    providers:
                      openai-main:
                        displayName: OpenAI
                        type: openai
                        apiKey: ${env:OPENAI_KEY}
                        models: [{id: gpt-4o, name: GPT-4o}]
                    agents:
                      support:
                        displayName: Support
                        gatewayUrl: http://support:18789
                        model: {provider: openai-main, primary: gpt-4o}
                        toolPermissions: [read]
                    """.formatted(url));
            Fleet plan = fleet(dir, env, "", "plan", "--file", wanted.toString());
            runs.add(plan);
            assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
            assertThat(plan.out()).contains("+ create provider openai-main").contains("+ create agent support")
                    .contains("2 changes planned").doesNotContain(SECRET);
            assertThat(root.get("/api/providers").body()).doesNotContain("openai-main");
            List<Duration> plans = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Fleet timed = fleet(dir, env, "", "plan", "--file", wanted.toString());
                assertThat(timed.exitCode()).as(timed.toString()).isEqualTo(2);
                plans.add(timed.took());
            }
            plans.sort(null);
            System.out.printf("[figures] fleet plan with changes, three more runs: %s ms%n",
                    plans.stream().map(d -> Long.toString(d.toMillis())).toList());

            Fleet apply = fleet(dir, env, "", "apply", "--file", wanted.toString());
            runs.add(apply);
            assertThat(apply.exitCode()).as(apply.toString()).isZero();
            assertThat(apply.out()).contains("Applied: 2 changes").contains("support: mag_").doesNotContain(SECRET);
            assertThat(root.get("/api/agents/support").status()).isEqualTo(200);
            String audit = root.get("/api/audit?entityType=agent").body();
            assertThat(audit).contains("root (token ci)");

            Fleet again = fleet(dir, env, "", "plan", "--file", wanted.toString());
            runs.add(again);
            assertThat(again.exitCode()).as(again.toString()).isZero();

            Fleet fromStdin = fleet(dir, env, Files.readString(wanted), "plan");
            assertThat(fromStdin.exitCode()).as(fromStdin.toString()).isZero();

            Fleet missingVar = fleet(dir, Map.of("MOSAIC_URL", url, "MOSAIC_TOKEN", token), "", "plan", "--file",
                    wanted.toString());
            assertThat(missingVar.exitCode()).isEqualTo(1);
            assertThat(missingVar.err()).contains("OPENAI_KEY").contains("providers.openai-main.apiKey");

            Files.writeString(dir.resolve("bad.yaml"), "apiVersion: mosaic/v1\nkind: Fleet\nagents:\n  support:\n"
                    + "    displayName: S\n    gatewayUrl: http://s:1\n    modle: {}\n");
            Fleet invalid = fleet(dir, env, "", "plan", "--file", dir.resolve("bad.yaml").toString());
            assertThat(invalid.exitCode()).isEqualTo(1);
            assertThat(invalid.err()).contains("agents.support.modle");

            Fleet badToken = fleet(dir, Map.of("MOSAIC_URL", url, "MOSAIC_TOKEN", "mosaic_pat_wrong"), "", "export");
            assertThat(badToken.exitCode()).isEqualTo(1);
            assertThat(badToken.err()).contains("401");
            Fleet noUrl = fleet(dir, Map.of("MOSAIC_TOKEN", token), "", "export");
            assertThat(noUrl.exitCode()).isEqualTo(1);
            assertThat(noUrl.err()).contains("MOSAIC_URL");

            for (Fleet run : runs) {
                assertThat(run.out() + run.err()).doesNotContain(token);
            }
            server.assertLogHasNone(SECRET, token, ROOT_PASSWORD);
            runs.forEach(r -> System.out.printf("[figures] fleet %s: exit %d in %d ms%n", r.command(), r.exitCode(),
                    r.took().toMillis()));
            assertThat(plans.get(1)).as("a plan against a running Mosaic, start to exit (median of three; the machine is "
                    + "shared, so one run may be slow)").isLessThanOrEqualTo(Duration.ofSeconds(3));
        }
    }

    record Fleet(String command, int exitCode, String out, String err, Duration took) {
        @Override
        public String toString() {
            return command + ": exit " + exitCode + " after " + took.toMillis() + " ms\n--- stdout\n" + out
                    + "\n--- stderr\n" + err;
        }
    }

    /** Runs the CLI with exactly {@code env} (no DATABASE_URL, no MOSAIC_SECRET_KEY) and {@code stdin}. */
    private static Fleet fleet(Path dir, Map<String, String> env, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", MosaicProcess.jar().toString(), "fleet"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        long started = System.nanoTime();
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (var input = process.getOutputStream()) {
            input.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("fleet " + String.join(" ", args) + " did not end in 60 s");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Files.deleteIfExists(dir.resolve("data"));
        assertThat(dir.resolve("data")).as("the CLI creates no data directory (no database)").doesNotExist();
        return new Fleet(args[0], process.exitValue(), Files.readString(out), Files.readString(err), took);
    }
}
