package dev.mosaic.server.fault;

import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.MosaicProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stopped and started again under a load of admin writes, on a PostgreSQL of this test's own (the
 * other tests' shared one stays up). Writes fail fast with 503 while it is down, readiness says so, agents
 * are still served, and after it is back the same process works again with nothing acknowledged lost.
 */
class DatabaseOutageIT {
    private static final String KEY = "database-outage-test-key-0123456789abcdefgh";
    private static final String PASSWORD = "root-password-for-outage-test";
    private static final String PROVIDER_KEY = "sk-outage-planted-key-5d2b71";
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    /** Hikari's connection timeout is 2 s; the rest is this loaded test machine. */
    private static final Duration FAST_ENOUGH = Duration.ofMillis(3500);

    record Write(long startedAt, long endedAt, int status, String contentType, String retryAfter, String id,
                 String unexpectedBody) {
        Duration took() {
            return Duration.ofNanos(endedAt - startedAt);
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void writesFailFastWith503WhileTheDatabaseIsDownAndEverythingAcknowledgedSurvivesARecoveryWithoutRestart()
            throws Exception {
        MosaicProcess.jar();
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "processes")), "outage-pg-")
                .toAbsolutePath();
        int pgPort = freePort();
        EmbeddedPostgres postgres = startPostgres(data, pgPort);
        String databaseUrl = "jdbc:postgresql://localhost:" + pgPort + "/postgres?user=postgres";
        List<Write> writes = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService load = Executors.newFixedThreadPool(3);
        try (MosaicProcess server = MosaicProcess.start(databaseUrl, KEY)) {
            Api admin = server.api();
            assertThat(admin.post("/api/onboarding/breakglass", Map.of("username", "root", "password", PASSWORD,
                    "setupCode", server.setupCode())).status()).isEqualTo(201);
            String agentToken = providerAndAgent(admin);
            for (int w = 0; w < 3; w++) {
                int writer = w;
                load.submit(() -> write(admin, writer, writes, stop));
            }
            awaitAcknowledged(writes, 5);

            long stoppedAt = System.nanoTime();
            postgres.close();
            long stopped = System.nanoTime();

            Thread.sleep(1000);
            long readinessAsked = System.nanoTime();
            HttpResponse<String> readiness = server.get("/actuator/health/readiness");
            Duration readinessTook = Duration.ofNanos(System.nanoTime() - readinessAsked);
            HttpResponse<String> liveness = server.get("/actuator/health/liveness");
            HttpResponse<String> config = server.get("/api/internal/agent-config/outage-agent",
                    "Authorization", "Bearer " + agentToken);
            assertThat(readiness.statusCode()).as("readiness while the database is down: %s", readiness.body()).isEqualTo(503);
            assertThat(readiness.body()).contains("DOWN");
            assertThat(liveness.statusCode()).as("liveness: %s", liveness.body()).isEqualTo(200);
            assertThat(config.statusCode()).as("an agent's config, from memory").isEqualTo(200);
            assertThat(config.body()).contains(PROVIDER_KEY);

            Thread.sleep(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis()));
            long restartedAt = System.nanoTime();
            postgres = startPostgres(data, pgPort);
            long recoveredAt = awaitReady(server);
            Thread.sleep(2000);
            stop.set(true);
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(server.alive()).as("the same process, never restarted").isTrue();

            List<Write> duringOutage = writes.stream()
                    .filter(w -> w.startedAt() > stopped && w.endedAt() < restartedAt).toList();
            List<Long> outageMillis = duringOutage.stream().map(w -> w.took().toMillis()).sorted().toList();
            List<Write> acknowledged = writes.stream().filter(w -> w.status() == 201).toList();
            System.out.printf("[figures] database outage of %d ms: %d writes answered during it, answer time median %d ms,"
                            + " max %d ms; readiness answered in %d ms; ready again %d ms after PostgreSQL was started;"
                            + " %d writes in all, %d acknowledged%n",
                    Duration.ofNanos(restartedAt - stoppedAt).toMillis(), duringOutage.size(),
                    outageMillis.isEmpty() ? -1 : outageMillis.get(outageMillis.size() / 2),
                    outageMillis.isEmpty() ? -1 : outageMillis.get(outageMillis.size() - 1), readinessTook.toMillis(),
                    Duration.ofNanos(recoveredAt - restartedAt).toMillis(), writes.size(), acknowledged.size());

            assertThat(duringOutage).as("writes answered while the database was down").hasSizeGreaterThanOrEqualTo(3);
            for (Write write : duringOutage) {
                assertThat(write.status()).as("%s", write).isEqualTo(503);
                assertThat(write.contentType()).as("%s", write).startsWith("application/problem+json");
                assertThat(write.retryAfter()).as("%s", write).isNotBlank();
                assertThat(write.took()).as("%s", write).isLessThanOrEqualTo(FAST_ENOUGH);
            }
            assertThat(writes).as("every answer is a stored write or a 503").allSatisfy(
                    w -> assertThat(w.status()).as("%s", w).isIn(201, 503));
            assertThat(acknowledged).as("writes acknowledged after the database came back")
                    .anySatisfy(w -> assertThat(w.startedAt()).isGreaterThan(recoveredAt));

            Api reader = server.api();
            assertThat(reader.login("root", PASSWORD).status()).isEqualTo(200);
            List<String> lost = acknowledged.stream().map(Write::id)
                    .filter(id -> reader.get("/api/providers/" + id).status() != 200).toList();
            assertThat(lost).as("acknowledged writes that cannot be read back").isEmpty();
            server.assertLogHasNone(KEY, PASSWORD, PROVIDER_KEY, agentToken);
        } finally {
            stop.set(true);
            load.shutdownNow();
            postgres.close();
            FileSystemUtils.deleteRecursively(data);
        }
    }

    private static void write(Api admin, int writer, List<Write> writes, AtomicBoolean stop) {
        for (int round = 0; !stop.get(); round++) {
            long started = System.nanoTime();
            Api.Response response;
            try {
                response = admin.post("/api/providers", Map.of("name", "outage-" + writer + "-" + round,
                    "displayName", "Outage " + round, "type", "openai", "apiKey", PROVIDER_KEY,
                    "models", List.of(Map.of("id", "gpt-test", "name", "GPT test"))));
            } catch (RuntimeException e) {
                response = new Api.Response(-1, Map.of(), String.valueOf(e.getCause()));
            }
            String id = response.status() == 201 ? response.json().get("id").asText() : null;
            boolean expected = response.status() == 201 || response.status() == 503;
            writes.add(new Write(started, System.nanoTime(), response.status(), response.header("Content-Type"),
                    response.header("Retry-After"), id, expected ? null : response.body()));
            if (response.status() != 201) {
                sleep(200);
            }
        }
    }

    private static String providerAndAgent(Api admin) {
        Api.Response provider = admin.post("/api/providers", Map.of("name", "outage-provider", "displayName", "Outage",
                "type", "openai", "apiKey", PROVIDER_KEY, "models", List.of(Map.of("id", "gpt-test", "name", "GPT test"))));
        assertThat(provider.status()).as(provider.body()).isEqualTo(201);
        Api.Response agent = admin.post("/api/agents", Map.of("name", "outage-agent", "displayName", "Outage agent",
                "gatewayUrl", "http://127.0.0.1:18789", "providerId", provider.json().get("id").asText(),
                "primaryModel", "gpt-test"));
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        return agent.json().get("token").asText();
    }

    private static void awaitAcknowledged(List<Write> writes, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (writes.stream().filter(w -> w.status() == 201).count() < count) {
            assertThat(System.nanoTime()).as("%d writes acknowledged in time: %s", count, writes).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Polls readiness until it is UP again; the moment it was. */
    private static long awaitReady(MosaicProcess server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (server.get("/actuator/health/readiness").statusCode() == 200) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not ready again 60 s after PostgreSQL came back:\n" + server.tail());
    }

    /** The same data folder and port each time: a stop and a start of one database server. */
    private static EmbeddedPostgres startPostgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
