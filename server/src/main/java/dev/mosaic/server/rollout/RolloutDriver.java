package dev.mosaic.server.rollout;

import dev.mosaic.command.api.BakeRolloutWave;
import dev.mosaic.command.api.CompleteRolloutWave;
import dev.mosaic.command.api.FailRollout;
import dev.mosaic.command.api.RecordRolloutChecks;
import dev.mosaic.command.api.RecordRolloutChecks.AgentCheck;
import dev.mosaic.command.api.StartRollout;
import dev.mosaic.command.api.StartRolloutWave;
import dev.mosaic.events.meta.Actor;
import dev.mosaic.events.meta.AuditMetadata;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.AgentConfig;
import dev.mosaic.query.api.AgentConfigs;
import dev.mosaic.query.api.Agents;
import dev.mosaic.query.api.CurrentInstallation;
import dev.mosaic.query.api.RolloutPolicy;
import dev.mosaic.query.api.RolloutView;
import dev.mosaic.query.api.Rollouts;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Drives staged rollouts: turns a change the renderer held back into a rollout, starts its waves, checks each
 * agent (applied report within the apply timeout; with {@code ready}/{@code chat}, the gateway probes), bakes,
 * and fails the rollout when more than {@code maxFailedAgents} of a wave fail; a failed or aborted one is rolled
 * back ({@link RolloutRollback}). Every decision is a command on the rollout, so the state lives in PostgreSQL:
 * on every node a loop ticks, and the node that takes the advisory lock drives (one at a time; another takes
 * over when it dies, and a restarted node carries on).
 */
@Component
class RolloutDriver implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RolloutDriver.class);
    private static final long LOCK = 0x6d6f7361_69630002L;
    private static final Duration REPROBE = Duration.ofSeconds(5);

    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final Rollouts rollouts;
    private final CurrentInstallation installation;
    private final Agents agents;
    private final AgentConfigs configs;
    private final CommandGateway commands;
    private final ProbeBook probes;
    private final KeyPreflight preflight;
    private final RolloutRollback rollback;
    private final Duration tick;
    private final boolean enabled;
    private final Set<String> preflightPassed = new HashSet<>();
    private volatile boolean running;
    private Thread worker;

    RolloutDriver(PlatformTransactionManager transactions, JdbcClient jdbc, Rollouts rollouts,
                  CurrentInstallation installation, Agents agents, AgentConfigs configs, CommandGateway commands,
                  GatewayProbes gatewayProbes, KeyPreflight preflight, RolloutRollback rollback,
                  @Value("${mosaic.rollout.tick:250ms}") Duration tick, @Value("${mosaic.cli:false}") boolean cli) {
        this.transaction = new TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.rollouts = rollouts;
        this.installation = installation;
        this.agents = agents;
        this.configs = configs;
        this.commands = commands;
        this.probes = new ProbeBook(gatewayProbes);
        this.preflight = preflight;
        this.rollback = rollback;
        this.tick = tick;
        this.enabled = !cli;
    }

    /** One decision round, if this node holds the lock; public for tests that step time themselves. */
    void tick() {
        transaction.executeWithoutResult(status -> {
            if (!Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK)
                    .query(Boolean.class).single())) {
                return;
            }
            rollouts.active().ifPresentOrElse(this::step, this::startNext);
        });
    }

    private void startNext() {
        rollouts.nextHeldChange().ifPresent(held -> {
            RolloutPolicy policy = installation.current().policy();
            Map<String, Agent> existing = new java.util.HashMap<>();
            agents.all().forEach(a -> existing.put(a.id(), a));
            List<Rollouts.HeldAgent> moved = held.agents().stream().filter(a -> existing.containsKey(a.agentId()))
                    .toList();
            if (!policy.enabled() || moved.isEmpty()) {
                rollouts.serveNow(moved);
                rollouts.forgetHeldChange(held.id());
                return;
            }
            Set<String> canaries = new HashSet<>();
            existing.values().stream().filter(Agent::canary).forEach(a -> canaries.add(a.id()));
            RolloutView.Cause cause = rollouts.auditEntry(held.lastSeq())
                    .orElse(new RolloutView.Cause(held.lastSeq(), "a change", "system"));
            String id = held.rolloutId() != null ? held.rolloutId() : UUID.randomUUID().toString();
            send(new StartRollout(id, cause.seq(), cause.summary(), cause.actorName(), held.firstSeq(), policy.verify(),
                    policy.bakeSeconds(), policy.applyTimeoutSeconds(), policy.maxFailedAgents(),
                    WavePlanner.plan(moved, canaries, policy.waves())));
            rollouts.forgetHeldChange(held.id());
        });
    }

    private void step(RolloutView rollout) {
        if (rollout.failure() != null) {
            rollback.rollBack(rollout);
            rollout.waves().forEach(w -> w.agents().forEach(a -> probes.forget(a.agentId())));
            return;
        }
        boolean paused = rollout.state().equals("paused");
        if (rollout.verify().equals("chat") && rollout.waves().get(0).state().equals("pending")
                && !preflightPassed.contains(rollout.id())) {
            String refused = preflight.refusedKey(rollout);
            if (refused != null) {
                send(new FailRollout(rollout.id(), null, refused, false));
                return;
            }
            preflightPassed.add(rollout.id());
        }
        boolean waveInFlight = false;
        for (int i = 0; i < rollout.waves().size(); i++) {
            RolloutView.Wave wave = rollout.waves().get(i);
            if (!wave.state().equals("rolling") && !wave.state().equals("baking")) {
                continue;
            }
            waveInFlight = true;
            if (checkWave(rollout, i, wave, paused)) {
                return;
            }
        }
        // promoted: every remaining wave starts now, without waiting for the one in flight to finish its bake
        if ((!waveInFlight || rollout.settings().promoted()) && !paused) {
            for (int i = 0; i < rollout.waves().size(); i++) {
                if (rollout.waves().get(i).state().equals("pending")) {
                    send(new StartRolloutWave(rollout.id(), i));
                    if (!rollout.settings().promoted()) {
                        return;
                    }
                }
            }
        }
    }

    /** Checks one wave's agents, bakes or completes it; true when the rollout failed. */
    private boolean checkWave(RolloutView rollout, int index, RolloutView.Wave wave, boolean paused) {
        Instant now = Instant.now();
        Map<String, Rollouts.AppliedReport> reports = rollouts.reports(wave.agents().stream()
                .map(RolloutView.WaveAgent::agentId).toList());
        List<AgentCheck> checks = new ArrayList<>();
        int failed = 0;
        RolloutView.WaveAgent firstFailure = null;
        String firstReason = null;
        boolean allVerified = true;
        for (RolloutView.WaveAgent agent : wave.agents()) {
            AgentCheck check = check(rollout, wave, agent, reports.get(agent.agentId()), now);
            String state = check == null ? agent.state() : check.state();
            if (check != null) {
                checks.add(check);
            }
            if (state.equals("failed")) {
                failed++;
                if (firstFailure == null) {
                    firstFailure = agent;
                    firstReason = check == null ? agent.reason() : check.reason();
                }
            } else if (!state.equals("healthy")) {
                allVerified = false;
            }
        }
        if (!checks.isEmpty()) {
            send(new RecordRolloutChecks(rollout.id(), index, checks));
        }
        if (failed > rollout.settings().maxFailedAgents()) {
            send(new FailRollout(rollout.id(), firstFailure.name(), firstReason, false));
            return true;
        }
        if (wave.state().equals("rolling") && allVerified) {
            send(new BakeRolloutWave(rollout.id(), index));
        } else if (wave.state().equals("baking") && !paused && wave.bakeStartedAt() != null
                && !now.isBefore(wave.bakeStartedAt().plusSeconds(rollout.settings().bakeSeconds()))) {
            send(new CompleteRolloutWave(rollout.id(), index));
        }
        return false;
    }

    /** What is newly found about one agent (null: nothing new). */
    private AgentCheck check(RolloutView rollout, RolloutView.Wave wave, RolloutView.WaveAgent agent,
                             Rollouts.AppliedReport report, Instant now) {
        String state = agent.state();
        if (state.equals("failed")) {
            return null;
        }
        if (report != null && report.failed() && report.version() == agent.toVersion()) {
            return new AgentCheck(agent.agentId(), "failed", "the agent could not apply v" + agent.toVersion() + ": "
                    + report.error());
        }
        if (state.equals("served") || state.equals("pending")) {
            if (report != null && !report.failed() && report.version() >= agent.toVersion()) {
                return new AgentCheck(agent.agentId(), "applied", null);
            }
            if (wave.startedAt() != null
                    && now.isAfter(wave.startedAt().plusSeconds(rollout.settings().applyTimeoutSeconds()))) {
                return new AgentCheck(agent.agentId(), "failed", "did not report applying v" + agent.toVersion()
                        + " within " + rollout.settings().applyTimeoutSeconds() + " s");
            }
            return null;
        }
        if (rollout.verify().equals("applied")) {
            return state.equals("applied") ? new AgentCheck(agent.agentId(), "healthy", null) : null;
        }
        AgentConfig config = configs.byName(agent.name()).orElse(null);
        if (config == null) {
            return new AgentCheck(agent.agentId(), "failed", "the agent is gone");
        }
        ProbeBook.Finding finding = probes.finding(agent.agentId(), agent.toVersion());
        probes.probeIfDue(agent.agentId(), agent.toVersion(), config.gatewayUrl(), config.token(),
                rollout.verify().equals("chat"), state.equals("healthy") ? REPROBE : Duration.ZERO);
        if (finding == null) {
            return null;
        }
        if (!finding.probe().ok()) {
            return new AgentCheck(agent.agentId(), "failed", finding.probe().problem());
        }
        return state.equals("applied") ? new AgentCheck(agent.agentId(), "healthy", null) : null;
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(Map.of(
                AuditMetadata.ACTOR, Actor.ROLLOUT.id(), AuditMetadata.ACTOR_NAME, Actor.ROLLOUT.name()))));
    }

    private void loop() {
        while (running) {
            try {
                tick();
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("driving rollouts failed ({}); trying again", e.toString());
                }
            }
            try {
                Thread.sleep(tick.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, "rollout-driver");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
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
