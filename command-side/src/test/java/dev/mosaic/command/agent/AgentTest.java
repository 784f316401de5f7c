package dev.mosaic.command.agent;

import dev.mosaic.command.api.ModelAssignment;
import dev.mosaic.command.api.UpdateAgent;
import dev.mosaic.command.api.RotateAgentToken;
import dev.mosaic.command.api.RemoveAgent;
import dev.mosaic.command.api.RegisterAgent;
import dev.mosaic.command.api.AssignAgentModel;
import dev.mosaic.command.api.FieldViolation;
import dev.mosaic.command.api.InvalidCommandException;
import dev.mosaic.command.api.NameTakenException;
import dev.mosaic.command.naming.NameKind;
import dev.mosaic.command.testing.FakeSecretCipher;
import dev.mosaic.command.testing.InMemoryNameRegistry;
import dev.mosaic.command.testing.InMemoryProviderCatalog;
import dev.mosaic.events.agent.AgentActivated;
import dev.mosaic.events.agent.AgentDeactivated;
import dev.mosaic.events.agent.AgentModelAssigned;
import dev.mosaic.events.agent.AgentPersonalityChanged;
import dev.mosaic.events.agent.AgentProfileChanged;
import dev.mosaic.events.agent.AgentRegistered;
import dev.mosaic.events.agent.AgentRemoved;
import dev.mosaic.events.agent.AgentTokenRotated;
import dev.mosaic.events.agent.AgentTokens;
import dev.mosaic.events.agent.AgentToolPermissionsChanged;
import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.events.secret.SecretOwner;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.mosaic.command.testing.FixtureMatchers.asJson;
import static dev.mosaic.command.testing.FixtureMatchers.exceptionSatisfying;
import static dev.mosaic.command.testing.FixtureMatchers.invalid;
import static dev.mosaic.command.testing.FixtureMatchers.payloadsSatisfying;
import static org.assertj.core.api.Assertions.assertThat;

class AgentTest {
    private static final String ID = "agent-1";
    private static final String TOKEN = "mag_plaintext-token-do-not-leak";
    private static final String GATEWAY = "https://alpha.gateway.example";
    private static final String OPENAI = "provider-openai";
    private static final String ANTHROPIC = "provider-anthropic";
    private static final String DISABLED = "provider-disabled";
    private static final ModelAssignment GPT_WITH_CLAUDE_FALLBACK =
            new ModelAssignment(OPENAI, "gpt-4o", List.of(new ModelRef(ANTHROPIC, "claude-sonnet")));
    private static final String SOUL = "You are terse.";
    private static final List<String> TOOLS = List.of("read", "web.fetch", "mcp:*");

    private final InMemoryNameRegistry names = new InMemoryNameRegistry();
    private final FakeSecretCipher cipher = new FakeSecretCipher();
    private final InMemoryProviderCatalog catalog = new InMemoryProviderCatalog()
            .active(OPENAI, "gpt-4o", "gpt-4o-mini")
            .active(ANTHROPIC, "claude-sonnet", "claude-haiku")
            .inactive(DISABLED, "llama3");
    private FixtureConfiguration<Agent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Agent.class);
        fixture.registerInjectableResource(names);
        fixture.registerInjectableResource(cipher);
        fixture.registerInjectableResource(catalog);
    }

    // ---- registration ------------------------------------------------------------------------------------

    @Test
    void registrationEmitsAgentRegisteredThenModelPersonalityAndToolEvents() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAgent(ID, "alpha", "Alpha", "Researcher", GATEWAY, TOKEN,
                        GPT_WITH_CLAUDE_FALLBACK, SOUL, TOOLS))
                .expectEvents(registered(),
                        new AgentModelAssigned(ID, OPENAI, "gpt-4o", List.of(new ModelRef(ANTHROPIC, "claude-sonnet"))),
                        new AgentPersonalityChanged(ID, SOUL),
                        new AgentToolPermissionsChanged(ID, TOOLS));
        assertThat(names.ownerOf(NameKind.AGENT, "alpha")).contains(ID);
    }

    /**
     * Exposes a bug: in the constructor, events applied via {@code apply()} are only sourced after the
     * constructor returns, so the {@code agentId} field that {@code Agent.applyModel} reads is still null.
     */
    @Test
    void theModelAssignedAtRegistrationNamesTheAgent() {
        fixture.givenNoPriorActivity()
                .when(registrationWith(new ModelAssignment(OPENAI, "gpt-4o", null)))
                .expectEventsMatching(payloadsSatisfying(events -> assertThat(events)
                        .filteredOn(AgentModelAssigned.class::isInstance)
                        .singleElement()
                        .extracting(e -> ((AgentModelAssigned) e).agentId())
                        .isEqualTo(ID)));
    }

    @Test
    void registrationWithoutModelPersonalityOrToolsEmitsOnlyAgentRegistered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAgent(ID, "alpha", "Alpha", "", GATEWAY, TOKEN, null, "", List.of()))
                .expectEvents(new AgentRegistered(ID, "alpha", "Alpha", null, GATEWAY, AgentTokens.hash(TOKEN),
                        cipher.encrypt(TOKEN, SecretOwner.agentToken(ID))));
    }

    @Test
    void theTokenIsStoredAsHashAndCiphertextAndThePlaintextAppearsInNoEvent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAgent(ID, "alpha", "Alpha", "Researcher", GATEWAY, TOKEN,
                        GPT_WITH_CLAUDE_FALLBACK, SOUL, TOOLS))
                .expectEventsMatching(payloadsSatisfying(events -> {
                    assertThat(asJson(events)).doesNotContain(TOKEN);
                    assertThat(events.get(0)).isInstanceOfSatisfying(AgentRegistered.class, e -> {
                        assertThat(e.tokenHash()).isEqualTo(AgentTokens.hash(TOKEN)).isNotEqualTo(TOKEN);
                        assertThat(e.token().ciphertext()).startsWith("enc:v1:");
                        assertThat(cipher.decrypt(e.token(), SecretOwner.agentToken(ID))).isEqualTo(TOKEN);
                    });
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "Alpha", "-alpha", "alpha_1", "alpha.one",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void agentNamesMustMatchTheNamePattern(String name) {
        fixture.givenNoPriorActivity()
                .when(new RegisterAgent(ID, name, "Alpha", null, GATEWAY, TOKEN, null, null, null))
                .expectException(invalid("name"))
                .expectNoEvents();
    }

    @Test
    void aNameAlreadyClaimedIsRefusedWithNameTaken() {
        names.claim(NameKind.AGENT, "alpha", "another-agent");

        fixture.givenNoPriorActivity()
                .when(minimalRegistration())
                .expectException(exceptionSatisfying(NameTakenException.class,
                        e -> assertThat(e.field()).isEqualTo("name")))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 101})
    void displayNamesMustBeOneToAHundredCharacters(int length) {
        fixture.givenNoPriorActivity()
                .when(new RegisterAgent(ID, "alpha", "x".repeat(length), null, GATEWAY, TOKEN, null, null, null))
                .expectException(invalid("displayName"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ws://alpha.gateway.example", "alpha.gateway.example", "https://"})
    void theGatewayUrlMustBeAnHttpUrl(String gatewayUrl) {
        fixture.givenNoPriorActivity()
                .when(new RegisterAgent(ID, "alpha", "Alpha", null, gatewayUrl, TOKEN, null, null, null))
                .expectException(invalid("gatewayUrl"));
    }

    @Test
    void theModelsProviderMustExist() {
        fixture.givenNoPriorActivity()
                .when(registrationWith(new ModelAssignment("no-such-provider", "gpt-4o", null)))
                .expectException(invalid("providerId"));
    }

    @Test
    void theModelsProviderMustBeActive() {
        fixture.givenNoPriorActivity()
                .when(registrationWith(new ModelAssignment(DISABLED, "llama3", null)))
                .expectException(invalid("providerId"));
    }

    @Test
    void thePrimaryModelMustBeAModelOfTheProvider() {
        fixture.givenNoPriorActivity()
                .when(registrationWith(new ModelAssignment(OPENAI, "claude-sonnet", null)))
                .expectException(exceptionSatisfying(InvalidCommandException.class, e ->
                        assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("primaryModel")));
    }

    @Test
    void everyFallbackMustBeAModelOfItsProvider() {
        fixture.givenNoPriorActivity()
                .when(registrationWith(new ModelAssignment(OPENAI, "gpt-4o", List.of(
                        new ModelRef(ANTHROPIC, "claude-haiku"),
                        new ModelRef(ANTHROPIC, "gpt-4o-mini")))))
                .expectException(exceptionSatisfying(InvalidCommandException.class, e ->
                        assertThat(e.violations()).extracting(FieldViolation::field)
                                .containsExactly("fallbacks[1].model")));
    }

    @Test
    void aFallbackModelMustBelongToItsOwnProvider() {
        fixture.givenNoPriorActivity()
                .when(registrationWith(new ModelAssignment(OPENAI, "gpt-4o",
                        List.of(new ModelRef(OPENAI, "claude-sonnet")))))
                .expectException(invalid("fallbacks[0].model"));
    }

    @Test
    void aFallbacksProviderMustExistAndBeActive() {
        fixture.givenNoPriorActivity()
                .when(registrationWith(new ModelAssignment(OPENAI, "gpt-4o", List.of(
                        new ModelRef("no-such-provider", "x"), new ModelRef(DISABLED, "llama3")))))
                .expectException(exceptionSatisfying(InvalidCommandException.class, e ->
                        assertThat(e.violations()).extracting(FieldViolation::field)
                                .containsExactly("fallbacks[0].providerId", "fallbacks[1].providerId")));
    }

    @Test
    void aFallbackMayNotRepeatThePrimaryModel() {
        fixture.givenNoPriorActivity()
                .when(registrationWith(new ModelAssignment(OPENAI, "gpt-4o", List.of(new ModelRef(OPENAI, "gpt-4o")))))
                .expectException(invalid("fallbacks[0]"));
    }

    @Test
    void aModelAssignmentNeedsAPrimaryModel() {
        fixture.givenNoPriorActivity()
                .when(registrationWith(new ModelAssignment(OPENAI, null, null)))
                .expectException(invalid("primaryModel"));
    }

    @Test
    void toolPermissionsMustBeToolNames() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAgent(ID, "alpha", "Alpha", null, GATEWAY, TOKEN, null, null,
                        List.of("read", "rm -rf")))
                .expectException(invalid("toolPermissions[1]"));
    }

    @Test
    void anInvalidRegistrationClaimsNoName() {
        fixture.givenNoPriorActivity()
                .when(registrationWith(new ModelAssignment("no-such-provider", "gpt-4o", null)))
                .expectException(InvalidCommandException.class);
        assertThat(names.ownerOf(NameKind.AGENT, "alpha")).isEmpty();
    }

    // ---- updates -----------------------------------------------------------------------------------------

    @Test
    void anUpdateThatChangesNothingEmitsNothing() {
        fixture.given(fullyConfigured())
                .when(new UpdateAgent(ID, null, null, null, null, null, null, null, null, null, null))
                .expectNoEvents()
                .expectResultMessagePayload(3L);
    }

    @Test
    void anUpdateRepeatingTheCurrentValuesEmitsNothing() {
        fixture.given(fullyConfigured())
                .when(new UpdateAgent(ID, null, "Alpha", "Researcher", GATEWAY,
                        OPENAI, "gpt-4o", List.of(new ModelRef(ANTHROPIC, "claude-sonnet")),
                        SOUL, List.of("read", "web.fetch", "mcp:*"), true))
                .expectNoEvents()
                .expectResultMessagePayload(3L);
    }

    @Test
    void changingTheDisplayNameEmitsOnlyAgentProfileChanged() {
        fixture.given(fullyConfigured())
                .when(new UpdateAgent(ID, null, "Alpha One", null, null, null, null, null, null, null, null))
                .expectEvents(new AgentProfileChanged(ID, "Alpha One", "Researcher", GATEWAY));
    }

    @Test
    void anUpdateIsValidated() {
        fixture.given(fullyConfigured())
                .when(new UpdateAgent(ID, null, "", null, "ftp://alpha", null, null, null, null, null, null))
                .expectException(exceptionSatisfying(InvalidCommandException.class, e ->
                        assertThat(e.violations()).extracting(FieldViolation::field)
                                .containsExactlyInAnyOrder("displayName", "gatewayUrl")))
                .expectNoEvents();
    }

    @Test
    void anUpdateCannotPointAtADeactivatedProvider() {
        fixture.given(fullyConfigured())
                .when(new UpdateAgent(ID, null, null, null, null, DISABLED, "llama3", null,
                        null, null, null))
                .expectException(invalid("providerId"));
    }

    @Test
    void changingTheModelEmitsAgentModelAssigned() {
        fixture.given(fullyConfigured())
                .when(new UpdateAgent(ID, null, null, null, null, ANTHROPIC, "claude-haiku", null,
                        null, null, null))
                .expectEvents(new AgentModelAssigned(ID, ANTHROPIC, "claude-haiku",
                        List.of(new ModelRef(ANTHROPIC, "claude-sonnet"))));
    }

    @Test
    void changingOnlyTheFallbacksKeepsTheProviderAndPrimaryModel() {
        fixture.given(fullyConfigured())
                .when(new UpdateAgent(ID, null, null, null, null, null, null, List.of(), null, null, null))
                .expectEvents(new AgentModelAssigned(ID, OPENAI, "gpt-4o", List.of()));
    }

    @Test
    void anEmptyPersonalityClearsIt() {
        fixture.given(fullyConfigured())
                .when(new UpdateAgent(ID, null, null, null, null, null, null, null, "", null, null))
                .expectEvents(new AgentPersonalityChanged(ID, null));
    }

    @Test
    void changingToolPermissionsEmitsAgentToolPermissionsChanged() {
        fixture.given(fullyConfigured())
                .when(new UpdateAgent(ID, null, null, null, null, null, null, null, null, List.of(), null))
                .expectEvents(new AgentToolPermissionsChanged(ID, List.of()));
    }

    @Test
    void deactivatingAndReactivatingAnAgent() {
        fixture.given(fullyConfigured())
                .when(new UpdateAgent(ID, null, null, null, null, null, null, null, null, null, false))
                .expectEvents(new AgentDeactivated(ID));
        fixture.given(registered(), new AgentDeactivated(ID))
                .when(new UpdateAgent(ID, null, null, null, null, null, null, null, null, null, true))
                .expectEvents(new AgentActivated(ID));
    }

    // ---- model assignment --------------------------------------------------------------------------------

    @Test
    void assigningTheCurrentModelAgainEmitsNothing() {
        fixture.given(fullyConfigured())
                .when(new AssignAgentModel(ID, null,
                        new ModelAssignment(OPENAI, "gpt-4o", List.of(new ModelRef(ANTHROPIC, "claude-sonnet")))))
                .expectNoEvents()
                .expectResultMessagePayload(3L);
    }

    @Test
    void assigningAnotherModelEmitsAgentModelAssigned() {
        fixture.given(registered())
                .when(new AssignAgentModel(ID, null, new ModelAssignment(OPENAI, "gpt-4o-mini", null)))
                .expectEvents(new AgentModelAssigned(ID, OPENAI, "gpt-4o-mini", List.of()))
                .expectResultMessagePayload(1L);
    }

    @Test
    void assigningAModelTheProviderDoesNotHaveIsRefused() {
        fixture.given(registered())
                .when(new AssignAgentModel(ID, null, new ModelAssignment(OPENAI, "gpt-5", null)))
                .expectException(invalid("primaryModel"))
                .expectNoEvents();
    }

    @Test
    void assigningAModelWithoutAProviderIsRefused() {
        fixture.given(registered())
                .when(new AssignAgentModel(ID, null, new ModelAssignment(null, "gpt-4o", null)))
                .expectException(invalid("providerId"));
    }

    // ---- token -------------------------------------------------------------------------------------------

    @Test
    void rotatingTheTokenStoresItsHashAndCiphertextOnly() {
        String newToken = "mag_rotated-plaintext-token";
        fixture.given(registered())
                .when(new RotateAgentToken(ID, newToken))
                .expectEvents(new AgentTokenRotated(ID, AgentTokens.hash(newToken),
                        cipher.encrypt(newToken, SecretOwner.agentToken(ID))))
                .expectEventsMatching(payloadsSatisfying(events -> assertThat(asJson(events)).doesNotContain(newToken)))
                .expectResultMessagePayload(1L);
    }

    // ---- removal -----------------------------------------------------------------------------------------

    @Test
    void removingAnAgentReleasesItsNameAndEmitsAgentRemoved() {
        names.claim(NameKind.AGENT, "alpha", ID);

        fixture.given(fullyConfigured())
                .when(new RemoveAgent(ID, null))
                .expectEvents(new AgentRemoved(ID, "alpha"))
                .expectMarkedDeleted()
                .expectResultMessagePayload(4L);
        assertThat(names.ownerOf(NameKind.AGENT, "alpha")).isEmpty();
    }

    @Test
    void aRemovedAgentCannotChange() {
        fixture.given(registered(), new AgentRemoved(ID, "alpha"))
                .when(new UpdateAgent(ID, null, "Alpha again", null, null, null, null, null, null, null, null))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void aRemovedAgentsTokenCannotBeRotated() {
        fixture.given(registered(), new AgentRemoved(ID, "alpha"))
                .when(new RotateAgentToken(ID, "mag_new"))
                .expectException(AggregateDeletedException.class);
    }

    // ---- versions ----------------------------------------------------------------------------------------

    @Test
    void theReturnedVersionIsTheSequenceNumberOfTheLastEvent() {
        fixture.given(fullyConfigured())
                .when(new UpdateAgent(ID, null, "Alpha One", null, null, OPENAI, "gpt-4o-mini", null,
                        "", null, false))
                .expectEvents(new AgentProfileChanged(ID, "Alpha One", "Researcher", GATEWAY),
                        new AgentModelAssigned(ID, OPENAI, "gpt-4o-mini",
                                List.of(new ModelRef(ANTHROPIC, "claude-sonnet"))),
                        new AgentPersonalityChanged(ID, null),
                        new AgentDeactivated(ID))
                .expectResultMessagePayload(7L);
        assertThat(fixture.getEventStore().lastSequenceNumberFor(ID)).contains(7L);
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static RegisterAgent minimalRegistration() {
        return new RegisterAgent(ID, "alpha", "Alpha", null, GATEWAY, TOKEN, null, null, null);
    }

    private static RegisterAgent registrationWith(ModelAssignment model) {
        return new RegisterAgent(ID, "alpha", "Alpha", null, GATEWAY, TOKEN, model, null, null);
    }

    private AgentRegistered registered() {
        return new AgentRegistered(ID, "alpha", "Alpha", "Researcher", GATEWAY, AgentTokens.hash(TOKEN),
                cipher.encrypt(TOKEN, SecretOwner.agentToken(ID)));
    }

    /** Registered with model, personality and tools: sequence numbers 0 to 3. */
    private Object[] fullyConfigured() {
        return new Object[]{registered(),
                new AgentModelAssigned(ID, OPENAI, "gpt-4o", List.of(new ModelRef(ANTHROPIC, "claude-sonnet"))),
                new AgentPersonalityChanged(ID, SOUL),
                new AgentToolPermissionsChanged(ID, TOOLS)};
    }
}
