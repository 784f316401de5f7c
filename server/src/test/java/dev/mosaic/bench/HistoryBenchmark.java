package dev.mosaic.bench;

import dev.mosaic.events.agent.AgentModelAssigned;
import dev.mosaic.events.agent.AgentPersonalityChanged;
import dev.mosaic.events.agent.AgentRegistered;
import dev.mosaic.events.agent.AgentTokens;
import dev.mosaic.events.provider.ProviderApiKeyRotated;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.provider.ProviderRegistered;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.server.testing.Api;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * History reads on a large event store and dry-runs on a large fleet. (1) Seeds {@code events} events straight
 * into the event store (providers, agents, model and personality changes, key rotations; stamped over the past
 * day), then times {@code GET /api/state?seq=} and {@code GET /api/agents/{name}/config/at?seq=} at random
 * positions. (2) Registers {@code agents} agents on one provider and times a dry-run of that provider's key
 * change. Prints p50/p99/max in milliseconds (targets: p99 ≤ 200 ms and ≤ 500 ms).
 *
 * <pre>./bench/run.sh HistoryBenchmark [events=200000] [agents=5000] [rounds=200]</pre>
 */
public final class HistoryBenchmark {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int fleet = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        try (BenchmarkServer server = new BenchmarkServer()) {
            long started = System.nanoTime();
            List<String> names = seed(server, events);
            long newest = server.admin.get("/api/state").json().get("seq").asLong();
            System.out.printf("seeded %d events in %.1f s; first fold of all of them (writes the snapshots): %.0f ms%n",
                    events, (System.nanoTime() - started) / 1e9, time(() -> server.admin.get("/api/state?seq=" + newest)));
            Random random = new Random(7);
            for (int i = 0; i < 20; i++) { // warm-up: the JIT and the caches, before anything is measured
                long seq = 1 + random.nextLong(newest);
                BenchmarkServer.require(server.admin.get("/api/state?seq=" + seq), 200);
                BenchmarkServer.require(server.admin.get("/api/agents/" + names.get(i % names.size()) + "/config/at?seq=" + seq), 200);
            }
            List<Double> state = new ArrayList<>();
            List<Double> configAt = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                long seq = 1 + random.nextLong(newest);
                state.add(time(() -> BenchmarkServer.require(server.admin.get("/api/state?seq=" + seq), 200)));
                long late = newest / 2 + random.nextLong(newest / 2);
                String name = names.get(random.nextInt(Math.min(names.size(), 50)));
                configAt.add(time(() -> BenchmarkServer.require(
                        server.admin.get("/api/agents/" + name + "/config/at?seq=" + late), 200)));
            }
            report("GET /api/state?seq= (" + events + " events)", state);
            report("GET /api/agents/{name}/config/at?seq=", configAt);

            String provider = server.provider("dry-openai", "gpt-4o");
            started = System.nanoTime();
            server.agents("dry", fleet, provider, "gpt-4o");
            System.out.printf("registered %d agents on one provider in %.1f s%n", fleet, (System.nanoTime() - started) / 1e9);
            awaitRendered(server, "dry-" + (fleet - 1));
            for (int i = 0; i < 10; i++) { // warm-up: the first dry runs compile the preview path
                BenchmarkServer.require(server.admin.put("/api/providers/" + provider + "/api-key?dryRun=true",
                        Map.of("apiKey", "sk-warm-" + i)), 200);
            }
            List<Double> dryRuns = new ArrayList<>();
            for (int i = 0; i < Math.max(20, rounds / 4); i++) {
                int round = i;
                dryRuns.add(time(() -> {
                    Api.Response r = server.admin.put("/api/providers/" + provider + "/api-key?dryRun=true",
                            Map.of("apiKey", "sk-dry-" + round));
                    BenchmarkServer.require(r, 200);
                    if (r.json().get("agents").size() != fleet) {
                        throw new IllegalStateException("expected " + fleet + " agents in the preview");
                    }
                }));
            }
            report("dry-run of a key change at " + fleet + " agents", dryRuns);
        }
        System.exit(0); // a non-daemon Axon thread may outlive the closed context
    }

    /** The fleet settled: its last agent's config rendered, so no rendering runs beside what is measured. */
    private static void awaitRendered(BenchmarkServer server, String agent) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (server.admin.get("/api/agents/" + agent + "/status").status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(agent + " was never rendered");
            }
            Thread.sleep(10);
        }
    }

    /** Appends events through the storage engine (no command handlers, no projections): only history reads them. */
    private static List<String> seed(BenchmarkServer server, int count) {
        EventStorageEngine engine = server.context.getBean(EventStorageEngine.class);
        SecretCipher cipher = server.context.getBean(SecretCipher.class);
        TransactionTemplate transaction = new TransactionTemplate(server.context.getBean(PlatformTransactionManager.class));
        Random random = new Random(11);
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS);
        List<String> providerIds = new ArrayList<>();
        List<String> agentIds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<String, Long> sequences = new java.util.HashMap<>();
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        List<ProviderModel> models = List.of(new ProviderModel("m1", "M1", 128000, 8192), new ProviderModel("m2", "M2", null, null));
        for (int i = 0; i < count; i++) {
            Object payload;
            String aggregate;
            if (providerIds.size() < 20 && i % 50 == 0) {
                aggregate = UUID.randomUUID().toString();
                providerIds.add(aggregate);
                payload = new ProviderRegistered(aggregate, "seed-p" + providerIds.size(), "P", "openai", null, null,
                        cipher.encrypt("sk-" + i, SecretOwner.providerApiKey(aggregate)), models);
            } else if (agentIds.size() < 1000 && i % 20 == 1) {
                aggregate = UUID.randomUUID().toString();
                String name = "seed-a" + agentIds.size();
                agentIds.add(aggregate);
                names.add(name);
                String token = AgentTokens.generate();
                payload = new AgentRegistered(aggregate, name, name, null, "http://127.0.0.1:18789",
                        AgentTokens.hash(token), cipher.encrypt(token, SecretOwner.agentToken(aggregate)));
            } else if (!agentIds.isEmpty() && random.nextInt(10) < 6) {
                aggregate = agentIds.get(random.nextInt(agentIds.size()));
                payload = random.nextBoolean()
                        ? new AgentModelAssigned(aggregate, providerIds.get(random.nextInt(providerIds.size())),
                        random.nextBoolean() ? "m1" : "m2", List.of())
                        : new AgentPersonalityChanged(aggregate, "You are #" + i + ".");
            } else {
                aggregate = providerIds.get(random.nextInt(providerIds.size()));
                payload = new ProviderApiKeyRotated(aggregate, cipher.encrypt("sk-" + i, SecretOwner.providerApiKey(aggregate)));
            }
            long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
            String type = payload instanceof ProviderRegistered || payload instanceof ProviderApiKeyRotated ? "LlmProvider" : "Agent";
            batch.add(new GenericDomainEventMessage<>(type, aggregate, sequence, payload, MetaData.emptyInstance(),
                    UUID.randomUUID().toString(), start.plusMillis(i * 400L)));
            if (batch.size() == 2000 || i == count - 1) {
                List<DomainEventMessage<?>> toStore = List.copyOf(batch);
                transaction.executeWithoutResult(status -> engine.appendEvents(toStore));
                batch.clear();
            }
        }
        return names;
    }

    private static double time(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void report(String what, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("%-50s n=%d  p50 %.1f ms  p99 %.1f ms  max %.1f ms%n", what, sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)),
                sorted.get(sorted.size() - 1));
    }
}
