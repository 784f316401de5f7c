package dev.mosaic.server.health;

import dev.mosaic.query.api.AgentGateways;
import dev.mosaic.query.api.AgentStreams;
import dev.mosaic.query.api.FleetHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Fleet health: every {@link HealthProperties#interval()} this node asks each agent that streams from it for
 * {@code GET <gatewayUrl>/readyz} (unauthenticated on OpenClaw), at most {@link HealthProperties#concurrency()} at once,
 * and keeps the last answer per agent. Only connected agents are probed: their gateways run, and the node holding the
 * stream is the one node that probes them (another node answers {@code unknown}). An agent whose stream closes is
 * forgotten.
 */
@Component
@EnableConfigurationProperties(HealthProperties.class)
class FleetHealthProbes implements FleetHealth, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(FleetHealthProbes.class);
    private final AgentStreams streams;
    private final AgentGateways gateways;
    private final HealthProperties properties;
    private final Clock clock;
    // HTTP/1.1: OpenClaw answers an h2c upgrade attempt with 405
    private final HttpClient client;
    private final Map<String, AgentHealth> lastProbe = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService scheduler;

    FleetHealthProbes(AgentStreams streams, AgentGateways gateways, HealthProperties properties) {
        this.streams = streams;
        this.gateways = gateways;
        this.properties = properties;
        this.clock = Clock.systemUTC();
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public AgentHealth of(String agentName) {
        return streams.connected(agentName) ? lastProbe.getOrDefault(agentName, AgentHealth.NOT_PROBED)
                : AgentHealth.NOT_PROBED;
    }

    @Override
    public int unhealthyCount() {
        int unhealthy = 0;
        for (Map.Entry<String, AgentHealth> probe : lastProbe.entrySet()) {
            if (probe.getValue().unhealthy() && streams.connected(probe.getKey())) {
                unhealthy++;
            }
        }
        return unhealthy;
    }

    /** One round: probes every agent streaming from this node, at most {@code concurrency} at once; waits for all. */
    void probeAll() throws InterruptedException {
        Set<String> connected = Set.copyOf(streams.connectedAgents());
        lastProbe.keySet().retainAll(connected);
        Semaphore permits = new Semaphore(properties.concurrency());
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (String agent : connected) {
            Optional<AgentGateways.Gateway> gateway = gateways.find(agent);
            if (gateway.isEmpty()) {
                lastProbe.remove(agent);
                continue;
            }
            permits.acquire();
            pending.add(probe(gateway.get().url()).handle((health, failure) -> {
                permits.release();
                if (health != null && streams.connected(agent)) {
                    lastProbe.put(agent, health);
                }
                return null;
            }));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            log.debug("a gateway probe failed unexpectedly", e);
        }
        lastProbe.keySet().retainAll(Set.copyOf(streams.connectedAgents()));
    }

    CompletableFuture<AgentHealth> probe(String gatewayUrl) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(gatewayUrl.replaceAll("/+$", "") + "/readyz"))
                    .timeout(properties.timeout()).GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new AgentHealth(UNREACHABLE, clock.instant(), "invalid gateway URL"));
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> failure == null
                        ? response.statusCode() / 100 == 2 ? new AgentHealth(READY, clock.instant(), null)
                        : new AgentHealth(UNREADY, clock.instant(), "HTTP " + response.statusCode())
                        : new AgentHealth(UNREACHABLE, clock.instant(), describe(failure)));
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        return "no answer (" + cause.getClass().getSimpleName() + ")";
    }

    private void round() {
        try {
            probeAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("gateway health probes failed: {}", e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-health");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.interval().toMillis();
        started.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
        scheduler = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        scheduler = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
