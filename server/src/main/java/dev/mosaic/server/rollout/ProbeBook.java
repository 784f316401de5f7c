package dev.mosaic.server.rollout;

import jakarta.annotation.PreDestroy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The probes of the agents a rollout verifies, run off the driver's thread (at most 16 at once) and kept here
 * until the driver reads them: per agent and version, the newest finding and when it was made. Lost on restart,
 * which only means probing again.
 */
final class ProbeBook {
    static final int CONCURRENCY = 16;

    record Finding(long version, GatewayProbes.Probe probe, Instant at) {
    }

    private final GatewayProbes probes;
    private final ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY, runnable -> {
        Thread thread = new Thread(runnable, "rollout-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Finding> findings = new ConcurrentHashMap<>();
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();

    ProbeBook(GatewayProbes probes) {
        this.probes = probes;
    }

    /** The newest finding for the agent at this version, or null. */
    Finding finding(String agentId, long version) {
        Finding finding = findings.get(agentId);
        return finding != null && finding.version() == version ? finding : null;
    }

    /** Probes the agent unless a probe of it is running or its finding is younger than {@code every}. */
    void probeIfDue(String agentId, long version, String gatewayUrl, String token, boolean chat, Duration every) {
        Finding last = finding(agentId, version);
        if (last != null && last.at().plus(every).isAfter(Instant.now())) {
            return;
        }
        if (running.putIfAbsent(agentId, Boolean.TRUE) != null) {
            return;
        }
        pool.submit(() -> {
            try {
                GatewayProbes.Probe probe = probes.ready(gatewayUrl);
                if (probe.ok() && chat) {
                    probe = probes.chat(gatewayUrl, token);
                }
                findings.put(agentId, new Finding(version, probe, Instant.now()));
            } finally {
                running.remove(agentId);
            }
        });
    }

    void forget(String agentId) {
        findings.remove(agentId);
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
