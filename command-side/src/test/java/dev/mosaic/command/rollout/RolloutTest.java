package dev.mosaic.command.rollout;

import dev.mosaic.command.api.BakeRolloutWave;
import dev.mosaic.command.api.CompleteRolloutWave;
import dev.mosaic.command.api.FailRollout;
import dev.mosaic.command.api.FinishRollback;
import dev.mosaic.command.api.PauseRollout;
import dev.mosaic.command.api.PromoteRollout;
import dev.mosaic.command.api.RecordRolloutChecks;
import dev.mosaic.command.api.RecordRolloutChecks.AgentCheck;
import dev.mosaic.command.api.ResumeRollout;
import dev.mosaic.command.api.RuleViolationException;
import dev.mosaic.command.api.StartRollout;
import dev.mosaic.command.api.StartRolloutWave;
import dev.mosaic.events.rollout.RolloutAgent;
import dev.mosaic.events.rollout.RolloutAgentChecked;
import dev.mosaic.events.rollout.RolloutFailed;
import dev.mosaic.events.rollout.RolloutPaused;
import dev.mosaic.events.rollout.RolloutPromoted;
import dev.mosaic.events.rollout.RolloutResumed;
import dev.mosaic.events.rollout.RolloutRolledBack;
import dev.mosaic.events.rollout.RolloutStarted;
import dev.mosaic.events.rollout.RolloutSucceeded;
import dev.mosaic.events.rollout.RolloutWaveBaking;
import dev.mosaic.events.rollout.RolloutWavePlan;
import dev.mosaic.events.rollout.RolloutWaveStarted;
import dev.mosaic.events.rollout.RolloutWaveSucceeded;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

class RolloutTest {
    private static final String ID = "r1";
    private static final List<RolloutWavePlan> WAVES = List.of(
            new RolloutWavePlan(50, List.of(new RolloutAgent("a1", "canary", 3, 4))),
            new RolloutWavePlan(100, List.of(new RolloutAgent("a2", "second", 7, 8))));
    private static final RolloutStarted STARTED = new RolloutStarted(ID, 42, "Provider openai api key rotated",
            "admin", 42, "chat", 5, 30, 0, WAVES);

    private FixtureConfiguration<Rollout> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Rollout.class);
    }

    @Test
    void aRolloutStartsWithItsWavesPending() {
        fixture.givenNoPriorActivity()
                .when(new StartRollout(ID, 42, "Provider openai api key rotated", "admin", 42, "chat", 5, 30, 0, WAVES))
                .expectEvents(STARTED);
    }

    @Test
    void wavesGoInOrderEachAfterThePreviousSucceeded() {
        fixture.given(STARTED)
                .when(new StartRolloutWave(ID, 1))
                .expectException(RuleViolationException.class);
        fixture.given(STARTED, new RolloutWaveStarted(ID, 0), new RolloutWaveBaking(ID, 0))
                .when(new StartRolloutWave(ID, 1))
                .expectException(RuleViolationException.class);
        fixture.given(STARTED, new RolloutWaveStarted(ID, 0), new RolloutWaveBaking(ID, 0),
                        new RolloutWaveSucceeded(ID, 0))
                .when(new StartRolloutWave(ID, 1))
                .expectEvents(new RolloutWaveStarted(ID, 1));
    }

    @Test
    void theLastWaveSucceedingCompletesTheRollout() {
        fixture.given(STARTED, new RolloutWaveStarted(ID, 0), new RolloutWaveBaking(ID, 0),
                        new RolloutWaveSucceeded(ID, 0), new RolloutWaveStarted(ID, 1), new RolloutWaveBaking(ID, 1))
                .when(new CompleteRolloutWave(ID, 1))
                .expectEvents(new RolloutWaveSucceeded(ID, 1), new RolloutSucceeded(ID));
    }

    @Test
    void aWaveBakesOnlyWhileRollingAndSucceedsOnlyWhileBaking() {
        fixture.given(STARTED, new RolloutWaveStarted(ID, 0))
                .when(new CompleteRolloutWave(ID, 0))
                .expectException(RuleViolationException.class);
        fixture.given(STARTED)
                .when(new BakeRolloutWave(ID, 0))
                .expectException(RuleViolationException.class);
        fixture.given(STARTED, new RolloutWaveStarted(ID, 0))
                .when(new BakeRolloutWave(ID, 0))
                .expectEvents(new RolloutWaveBaking(ID, 0));
    }

    @Test
    void theSameFindingIsRecordedOnce() {
        fixture.given(STARTED, new RolloutWaveStarted(ID, 0), new RolloutAgentChecked(ID, 0, "a1", "applied", null))
                .when(new RecordRolloutChecks(ID, 0, List.of(new AgentCheck("a1", "applied", null))))
                .expectNoEvents();
        fixture.given(STARTED, new RolloutWaveStarted(ID, 0), new RolloutAgentChecked(ID, 0, "a1", "applied", null))
                .when(new RecordRolloutChecks(ID, 0, List.of(new AgentCheck("a1", "healthy", null))))
                .expectEvents(new RolloutAgentChecked(ID, 0, "a1", "healthy", null));
    }

    @Test
    void pauseHoldsTheNextWaveAndResumeReleasesIt() {
        fixture.given(STARTED, new RolloutWaveStarted(ID, 0), new RolloutWaveBaking(ID, 0),
                        new RolloutWaveSucceeded(ID, 0), new RolloutPaused(ID))
                .when(new StartRolloutWave(ID, 1))
                .expectException(RuleViolationException.class);
        fixture.given(STARTED, new RolloutPaused(ID))
                .when(new PauseRollout(ID))
                .expectException(RuleViolationException.class);
        fixture.given(STARTED, new RolloutPaused(ID))
                .when(new ResumeRollout(ID))
                .expectEvents(new RolloutResumed(ID));
        fixture.given(STARTED)
                .when(new ResumeRollout(ID))
                .expectException(RuleViolationException.class);
    }

    @Test
    void promoteLetsEveryRemainingWaveStartAtOnceAndResumesAPausedRollout() {
        fixture.given(STARTED, new RolloutWaveStarted(ID, 0), new RolloutPaused(ID))
                .when(new PromoteRollout(ID))
                .expectEvents(new RolloutResumed(ID), new RolloutPromoted(ID));
        fixture.given(STARTED, new RolloutWaveStarted(ID, 0), new RolloutPromoted(ID))
                .when(new StartRolloutWave(ID, 1))
                .expectEvents(new RolloutWaveStarted(ID, 1));
    }

    @Test
    void aFailureRollsBackAndNothingButTheRollbackFollows() {
        fixture.given(STARTED, new RolloutWaveStarted(ID, 0))
                .when(new FailRollout(ID, "canary", "chat answered 401", false))
                .expectEvents(new RolloutFailed(ID, "canary", "chat answered 401", false));
        fixture.given(STARTED, new RolloutWaveStarted(ID, 0), new RolloutFailed(ID, "canary", "401", false))
                .when(new StartRolloutWave(ID, 1))
                .expectException(RuleViolationException.class);
        fixture.given(STARTED, new RolloutWaveStarted(ID, 0), new RolloutFailed(ID, "canary", "401", false))
                .when(new RecordRolloutChecks(ID, 0, List.of(new AgentCheck("a1", "healthy", null))))
                .expectException(RuleViolationException.class);
        fixture.given(STARTED, new RolloutWaveStarted(ID, 0), new RolloutFailed(ID, "canary", "401", false))
                .when(new FinishRollback(ID, 57L))
                .expectEvents(new RolloutRolledBack(ID, 57L));
    }

    @Test
    void finishedRolloutsCannotBeAbortedPausedOrPromoted() {
        fixture.given(STARTED, new RolloutFailed(ID, null, "aborted by admin", true), new RolloutRolledBack(ID, 60L))
                .when(new FailRollout(ID, null, "aborted by admin", true))
                .expectException(RuleViolationException.class);
        fixture.given(STARTED, new RolloutSucceeded(ID))
                .when(new PromoteRollout(ID))
                .expectException(RuleViolationException.class);
        fixture.given(STARTED, new RolloutSucceeded(ID))
                .when(new PauseRollout(ID))
                .expectException(RuleViolationException.class);
        fixture.given(STARTED)
                .when(new FinishRollback(ID, 1L))
                .expectException(RuleViolationException.class);
    }

    @Test
    void anAbortIsAFailureAnAdminAskedFor() {
        fixture.given(STARTED, new RolloutPaused(ID))
                .when(new FailRollout(ID, null, "aborted by admin", true))
                .expectEvents(new RolloutFailed(ID, null, "aborted by admin", true));
    }
}
