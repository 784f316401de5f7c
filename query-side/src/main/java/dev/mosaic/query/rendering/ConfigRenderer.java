package dev.mosaic.query.rendering;

import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.AgentConfig;
import dev.mosaic.query.api.ConfigRendering;
import dev.mosaic.query.api.Provider;
import dev.mosaic.query.common.JsonColumns;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * Renders agent configs after the commands' transactions, in batches: takes the pending {@code render_request}
 * rows, renders each affected agent once from the settings views (one decrypt per provider per batch),
 * appends a version wherever the document or SOUL.md changed (JDBC batch insert), deletes the requests and
 * sends one {@code NOTIFY}, all in one transaction; after the commit it hands the result to this node's
 * delivery itself (other nodes re-read it on the {@code NOTIFY}). Woken right after each local commit, polled as a safety
 * net (a node that died leaves its requests to the others) and run at start to catch up.
 * <p>
 * Nodes are kept from rendering one change twice by locking the single {@code render_state} row for the
 * batch: a second node waits, then finds the requests gone. The primary key (agent_id, version) is the backstop.
 */
@Component
public class ConfigRenderer implements SmartLifecycle, ConfigRendering {
    static final int BATCH = 20_000;
    private static final Logger log = LoggerFactory.getLogger(ConfigRenderer.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transaction;
    private final RenderSources sources;
    private final SecretCipher cipher;
    private final boolean enabled;
    private final Duration pollInterval;
    /** Agents rendered per task: the first chunk's insert starts after rendering 1/10th of a 10,000-agent batch. */
    private final int chunkSize;
    private final RenderNode node;
    private final JsonColumns json;
    private final List<RenderedBatch.Listener> listeners;
    /** Renders chunks while the renderer thread inserts (that thread mostly waits for PostgreSQL: a thread per core). */
    private final ExecutorService renderPool = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), runnable -> {
                Thread thread = new Thread(runnable, "config-render");
                thread.setDaemon(true);
                return thread;
            });
    private final Object signal = new Object();
    private final LongAdder versionsRendered = new LongAdder();
    private boolean woken;
    private volatile boolean running;
    private Thread worker;

    ConfigRenderer(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transaction, RenderSources sources,
                   SecretCipher cipher, RenderNode node, List<RenderedBatch.Listener> listeners, JsonColumns json,
                   @Value("${mosaic.rendering.enabled:true}") boolean enabled,
                   @Value("${mosaic.cli:false}") boolean cli,
                   @Value("${mosaic.rendering.poll-interval:5s}") Duration pollInterval,
                   @Value("${mosaic.rendering.chunk-size:1000}") int chunkSize) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = transaction;
        this.sources = sources;
        this.cipher = cipher;
        this.node = node;
        this.listeners = listeners;
        this.json = json;
        this.enabled = enabled && !cli;
        this.pollInterval = pollInterval;
        this.chunkSize = Math.max(1, chunkSize);
    }

    /** A command committed render requests: render them now rather than at the next poll. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Renders everything pending, batch after batch, in the calling thread; returns the batches rendered. */
    public int renderPending() {
        int batches = 0;
        while (Boolean.TRUE.equals(transaction.execute(status -> renderBatch()))) {
            batches++;
        }
        return batches;
    }

    /**
     * Renders what is pending in the calling thread, if anything is: an agent created a moment ago may ask for its
     * config before the background loop has rendered it, and must not be told its fresh token is unknown.
     * Returns whether something was pending.
     */
    public boolean renderPendingNow() {
        if (!enabled || !jdbc.sql("select exists (select 1 from render_request)").query(Boolean.class).single()) {
            return false;
        }
        renderPending();
        return true;
    }

    /** Config versions this node appended and committed since it started (a metric). */
    public long versionsRendered() {
        return versionsRendered.sum();
    }

    /** Asks for every agent to be rendered again (after a replay): unchanged bytes keep their version. */
    public void requestAll(long seq) {
        jdbc.sql("insert into render_request (seq, agent_id) select ?, agent_id from agent_view").param(seq).update();
    }

    private boolean renderBatch() {
        long started = System.nanoTime();
        long lastSeq = jdbc.sql("select last_seq from render_state where id = 1 for update").query(Long.class).single();
        List<Request> requests = jdbc.sql("""
                        select id, seq, agent_id, provider_id, release, rollout_id from render_request order by id limit ?""")
                .param(BATCH).query((rs, n) -> new Request(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getString(6)))
                .list();
        if (requests.isEmpty()) {
            return false;
        }
        Map<String, long[]> ranges = new HashMap<>();
        Set<String> released = new HashSet<>();
        Map<String, List<String>> usersOfProvider = new HashMap<>();
        for (Request request : requests) {
            Collection<String> agents = request.agentId() != null ? List.of(request.agentId())
                    : usersOfProvider.computeIfAbsent(request.providerId(), sources::agentsUsing);
            for (String agentId : agents) {
                ranges.merge(agentId, new long[]{request.seq(), request.seq()},
                        (a, b) -> new long[]{Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                if (request.release()) {
                    released.add(agentId);
                }
            }
            lastSeq = Math.max(lastSeq, request.seq());
        }
        Set<String> held = new HashSet<>();
        String rolloutId = requests.stream().map(Request::rolloutId).filter(java.util.Objects::nonNull).findFirst()
                .orElse(null);
        Map<String, AgentConfig> rendered = render(ranges, released, held, lastSeq, rolloutId);
        jdbc.sql("delete from render_request where id = any(?)")
                .param(requests.stream().map(Request::id).toArray(Long[]::new)).update();
        long batchNumber = jdbc.sql("update render_state set last_seq = ?, batch = batch + 1 where id = 1 returning batch")
                .param(lastSeq).query(Long.class).single();
        jdbc.sql("select pg_notify(?, ?)").params(RenderedNotice.CHANNEL, new RenderedNotice(batchNumber, lastSeq,
                node.id(), new LinkedHashSet<>(ranges.keySet())).encode()).query().rowSet();
        RenderedBatch done = new RenderedBatch(batchNumber, lastSeq, rendered, held);
        long renderedAt = System.nanoTime();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                long committed = System.nanoTime();
                listeners.forEach(listener -> listener.rendered(done));
                if (log.isDebugEnabled()) {
                    log.debug("batch {}: {} agents rendered in {} ms, committed in {} ms, handed to delivery in {} ms",
                            batchNumber, rendered.size(), (renderedAt - started) / 1_000_000,
                            (committed - renderedAt) / 1_000_000, (System.nanoTime() - committed) / 1_000_000);
                }
            }
        });
        return true;
    }

    /**
     * Appends the versions that changed and serves them; returns every touched agent as it is served now
     * (null: removed).
     */
    private Map<String, AgentConfig> render(Map<String, long[]> ranges, Set<String> released, Set<String> held,
                                            long lastSeq, String rolloutId) {
        Map<String, AgentConfig> results = new HashMap<>();
        ranges.keySet().forEach(id -> results.put(id, null));
        if (ranges.isEmpty()) {
            return results;
        }
        long started = System.nanoTime();
        List<Agent> agents = sources.agents(ranges.keySet());
        Set<String> providerIds = new HashSet<>();
        agents.forEach(agent -> providerIds.addAll(agent.providerIds()));
        Map<String, Provider> providers = sources.providers(providerIds);
        RenderSecrets secrets = new RenderSecrets(cipher);
        Map<String, Newest> newest = newest(ranges.keySet());
        Map<String, Long> servedNow = servedVersions(ranges.keySet());
        boolean holdBack = rolloutPolicyEnabled();
        List<HeldAgent> holds = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> served = new ArrayList<>();
        List<Object[]> soulFills = new ArrayList<>();
        long loaded = System.nanoTime();
        // rendering and sealing are pure and independent per agent: chunks are rendered and sealed on the pool while
        // this thread writes the chunks before them, so PostgreSQL's insert overlaps the rendering
        List<CompletableFuture<List<Prepared>>> chunks = new ArrayList<>();
        for (int from = 0; from < agents.size(); from += chunkSize) {
            List<Agent> chunk = agents.subList(from, Math.min(agents.size(), from + chunkSize));
            chunks.add(CompletableFuture.supplyAsync(() -> chunk.stream()
                    .map(agent -> Prepared.of(agent, providers, secrets, newest.get(agent.id()), cipher)).toList(),
                    renderPool));
        }
        long waitedForRendering = 0;
        int appended = 0;
        for (CompletableFuture<List<Prepared>> chunk : chunks) {
            long waiting = System.nanoTime();
            List<Prepared> prepared = rendered(chunk);
            waitedForRendering += System.nanoTime() - waiting;
            List<Object[]> inserts = new ArrayList<>();
            for (Prepared each : prepared) {
                Agent agent = each.agent();
                Newest stored = newest.get(agent.id());
                boolean unchanged = each.sealedDocument() == null;
                long version = unchanged ? stored.version() : stored == null ? 1 : stored.version() + 1;
                Long servedVersion = servedNow.get(agent.id());
                boolean release = released.contains(agent.id()) || servedVersion == null;
                if (!release && holdBack && !unchanged) {
                    // the rollout policy holds the new version back: served stays, a rollout will move it
                    holds.add(new HeldAgent(agent.id(), agent.name(), servedVersion, version));
                    held.add(agent.id());
                    results.remove(agent.id());
                } else if (release || !unchanged || servedVersion == version) {
                    results.put(agent.id(), new AgentConfig(agent.id(), agent.name(), version, each.rendered().etag(),
                            each.rendered().bytes(), agent.personality(), agent.tokenHash(), agent.active(),
                            agent.gatewayUrl(), each.token()));
                    served.add(new Object[]{agent.id(), version});
                } else {
                    // unchanged bytes while still served an older version (a rollout runs): re-read what it is served
                    held.add(agent.id());
                    results.remove(agent.id());
                }
                if (unchanged) {
                    if (stored.soulPending()) {
                        soulFills.add(new Object[]{encryptSoul(agent), agent.id(), stored.version()});
                    }
                    continue;
                }
                long[] range = ranges.get(agent.id());
                inserts.add(new Object[]{agent.id(), version, agent.name(), each.rendered().etag(), each.state(),
                        each.sealedDocument(), each.sealedSoul(), now, range[0], range[1]});
            }
            batch.batchUpdate("""
                    insert into agent_config_version (agent_id, version, name, etag, state_hash, document, soul,
                                                      rendered_at, first_seq, last_seq)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
            appended += inserts.size();
        }
        long writtenVersions = System.nanoTime();
        batch.batchUpdate("update agent_config_version set soul = ?, soul_pending = false where agent_id = ? and version = ?",
                soulFills);
        served(served, results, held);
        if (!holds.isEmpty()) {
            long firstSeq = holds.stream().mapToLong(h -> ranges.get(h.agentId())[0]).min().orElse(lastSeq);
            jdbc.sql("insert into rollout_request (first_seq, last_seq, rollout_id, agents) values (?, ?, ?, ?::jsonb)")
                    .params(firstSeq, lastSeq, rolloutId, json.write(holds)).update();
        }
        if (log.isDebugEnabled()) {
            log.debug("{} agents: read in {} ms, rendered, sealed and inserted in {} ms (of which waiting for rendering {} ms),"
                            + " served versions moved in {} ms", agents.size(), (loaded - started) / 1_000_000,
                    (writtenVersions - loaded) / 1_000_000, waitedForRendering / 1_000_000,
                    (System.nanoTime() - writtenVersions) / 1_000_000);
        }
        int appendedVersions = appended;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                versionsRendered.add(appendedVersions);
            }
        });
        return results;
    }

    /**
     * Moves each rendered agent's served version to its newest ({@code agent_served}: what the fetch, the stream
     * and the status read), and forgets the agents that are gone.
     */
    private void served(List<Object[]> rendered, Map<String, AgentConfig> results, Set<String> held) {
        batch.batchUpdate("""
                insert into agent_served (agent_id, version) values (?, ?)
                on conflict (agent_id) do update set version = excluded.version""", rendered);
        String[] gone = results.entrySet().stream().filter(e -> e.getValue() == null && !held.contains(e.getKey()))
                .map(Map.Entry::getKey).toArray(String[]::new);
        if (gone.length > 0) {
            jdbc.sql("delete from agent_served where agent_id = any(?)").param(gone).update();
        }
    }

    private String encryptSoul(Agent agent) {
        return agent.personality() == null ? null
                : cipher.encrypt(agent.personality(), soulOwner(agent.id())).ciphertext();
    }

    /** SOUL.md is encrypted apart from the document, bound to its own field. */
    public static SecretOwner soulOwner(String agentId) {
        return new SecretOwner("agent", agentId, "soul");
    }

    /** Each agent's newest version: one primary-key lookup per agent, however long its history has grown. */
    private Map<String, Newest> newest(Collection<String> agentIds) {
        Map<String, Newest> newest = new HashMap<>();
        jdbc.sql("""
                        select a.id, v.version, v.state_hash, v.soul_pending from unnest(?::text[]) a(id)
                        cross join lateral (select version, state_hash, soul_pending from agent_config_version
                                            where agent_id = a.id order by version desc limit 1) v""")
                .param(agentIds.toArray(String[]::new))
                .query(rs -> {
                    newest.put(rs.getString(1), new Newest(rs.getLong(2), rs.getString(3), rs.getBoolean(4)));
                });
        return newest;
    }

    private record Request(long id, long seq, String agentId, String providerId, boolean release, String rolloutId) {
    }

    /** An agent whose new version is held back: served {@code fromVersion} until a rollout serves {@code toVersion}. */
    record HeldAgent(String agentId, String name, long fromVersion, long toVersion) {
    }

    private Map<String, Long> servedVersions(Collection<String> agentIds) {
        Map<String, Long> served = new HashMap<>();
        jdbc.sql("select agent_id, version from agent_served where agent_id = any(?)")
                .param(agentIds.toArray(String[]::new))
                .query(rs -> {
                    served.put(rs.getString(1), rs.getLong(2));
                });
        return served;
    }

    private boolean rolloutPolicyEnabled() {
        return Boolean.TRUE.equals(jdbc.sql("""
                        select coalesce((state->'rolloutPolicy'->>'enabled')::boolean, false) from installation_view
                        where id = 1""").query(Boolean.class).optional().orElse(false));
    }

    private record Newest(long version, String stateHash, boolean soulPending) {
    }

    /**
     * One agent rendered: its document, the hash of document and SOUL.md together, its gateway token in plaintext, and
     * document and SOUL.md sealed for storage when they differ from the newest stored version (null when unchanged).
     */
    private record Prepared(Agent agent, OpenClawConfig.Rendered rendered, String state, String token,
                            String sealedDocument, String sealedSoul) {
        static Prepared of(Agent agent, Map<String, Provider> providers, RenderSecrets secrets, Newest stored,
                           SecretCipher cipher) {
            OpenClawConfig.Rendered rendered = OpenClawConfig.render(agent, providers, secrets);
            String soul = agent.personality() == null ? "" : agent.personality();
            String state = OpenClawConfig.sha256((rendered.etag() + "\n" + soul).getBytes(StandardCharsets.UTF_8));
            String token = secrets.token(agent);
            if (stored != null && stored.stateHash().equals(state)) {
                return new Prepared(agent, rendered, state, token, null, null);
            }
            String document = cipher.encrypt(new String(rendered.bytes(), StandardCharsets.UTF_8),
                    SecretOwner.agentConfig(agent.id())).ciphertext();
            String sealedSoul = agent.personality() == null ? null
                    : cipher.encrypt(agent.personality(), soulOwner(agent.id())).ciphertext();
            return new Prepared(agent, rendered, state, token, document, sealedSoul);
        }
    }

    private static List<Prepared> rendered(CompletableFuture<List<Prepared>> chunk) {
        try {
            return chunk.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void loop() {
        while (running) {
            try {
                renderPending();
                synchronized (signal) {
                    if (!woken && running) {
                        signal.wait(pollInterval.toMillis());
                    }
                    woken = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("rendering agent configs failed ({}); retrying", e.toString());
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, "agent-config-renderer");
        worker.setDaemon(true);
        worker.start();
    }

    @PreDestroy
    void close() {
        renderPool.shutdown();
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            wake();
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
