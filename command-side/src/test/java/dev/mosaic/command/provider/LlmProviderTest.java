package dev.mosaic.command.provider;

import dev.mosaic.command.api.ModelInput;
import dev.mosaic.command.api.UpdateProvider;
import dev.mosaic.command.api.ReplaceProviderApiKey;
import dev.mosaic.command.api.RemoveProvider;
import dev.mosaic.command.api.RegisterProvider;
import dev.mosaic.command.api.EntityInUseException;
import dev.mosaic.command.api.FieldViolation;
import dev.mosaic.command.api.InvalidCommandException;
import dev.mosaic.command.api.NameTakenException;
import dev.mosaic.command.naming.NameKind;
import dev.mosaic.command.testing.FakeSecretCipher;
import dev.mosaic.command.testing.InMemoryNameRegistry;
import dev.mosaic.command.testing.InMemoryProviderUsage;
import dev.mosaic.events.provider.ProviderActivated;
import dev.mosaic.events.provider.ProviderApiKeyRotated;
import dev.mosaic.events.provider.ProviderDeactivated;
import dev.mosaic.events.provider.ProviderDetailsChanged;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.provider.ProviderModelsChanged;
import dev.mosaic.events.provider.ProviderRegistered;
import dev.mosaic.events.provider.ProviderRemoved;
import dev.mosaic.events.secret.SecretOwner;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
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

class LlmProviderTest {
    private static final String ID = "provider-1";
    private static final String API_KEY = "sk-plaintext-secret-123";
    private static final ModelInput GPT_4O = new ModelInput("gpt-4o", "GPT-4o", 128_000, 16_384);
    private static final ModelInput GPT_MINI = new ModelInput("gpt-4o-mini", null, null, null);
    private static final ProviderModel GPT_4O_MODEL = new ProviderModel("gpt-4o", "GPT-4o", 128_000, 16_384);
    private static final ProviderModel GPT_MINI_MODEL = new ProviderModel("gpt-4o-mini", "gpt-4o-mini", null, null);

    private final InMemoryNameRegistry names = new InMemoryNameRegistry();
    private final FakeSecretCipher cipher = new FakeSecretCipher();
    private final InMemoryProviderUsage usage = new InMemoryProviderUsage();
    private FixtureConfiguration<LlmProvider> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LlmProvider.class);
        fixture.registerInjectableResource(names);
        fixture.registerInjectableResource(cipher);
        fixture.registerInjectableResource(usage);
    }

    // ---- registration ------------------------------------------------------------------------------------

    @Test
    void registeringAProviderEmitsProviderRegisteredAndClaimsTheName() {
        fixture.givenNoPriorActivity()
                .when(register("openai", "openai", null, null, List.of(GPT_4O, GPT_MINI)))
                .expectEvents(new ProviderRegistered(ID, "openai", "OpenAI", "openai", null, null, null,
                        List.of(GPT_4O_MODEL, GPT_MINI_MODEL)))
                .expectSuccessfulHandlerExecution();
        assertThat(names.ownerOf(NameKind.PROVIDER, "openai")).contains(ID);
    }

    @Test
    void aModelWithoutANameIsNamedByItsId() {
        fixture.givenNoPriorActivity()
                .when(register("openai", "openai", null, null, List.of(GPT_MINI)))
                .expectEventsMatching(payloadsSatisfying(events -> assertThat(events)
                        .singleElement().isInstanceOfSatisfying(ProviderRegistered.class,
                                e -> assertThat(e.models()).containsExactly(GPT_MINI_MODEL))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "-openai", "OpenAI", "open_ai", "open ai", "openai.com",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void providerNamesMustMatchTheNamePattern(String name) {
        fixture.givenNoPriorActivity()
                .when(register(name, "openai", null, null, List.of(GPT_4O)))
                .expectException(invalid("name"))
                .expectNoEvents();
        assertThat(names.ownerOf(NameKind.PROVIDER, name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "0penai", "open-ai-2", "a23456789012345678901234567890123456789012345678901234567890123"})
    void providerNamesMatchingThePatternAreAccepted(String name) {
        fixture.givenNoPriorActivity()
                .when(register(name, "openai", null, null, List.of(GPT_4O)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aNameAlreadyClaimedIsRefusedWithNameTaken() {
        names.claim(NameKind.PROVIDER, "openai", "another-provider");

        fixture.givenNoPriorActivity()
                .when(register("openai", "openai", null, null, List.of(GPT_4O)))
                .expectException(exceptionSatisfying(NameTakenException.class,
                        e -> assertThat(e.field()).isEqualTo("name")))
                .expectNoEvents();
        assertThat(names.ownerOf(NameKind.PROVIDER, "openai")).contains("another-provider");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 101})
    void displayNamesMustBeOneToAHundredCharacters(int length) {
        fixture.givenNoPriorActivity()
                .when(new RegisterProvider(ID, "openai", "x".repeat(length), "openai", null, null, null,
                        List.of(GPT_4O)))
                .expectException(invalid("displayName"));
    }

    @Test
    void aBlankDisplayNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProvider(ID, "openai", "   ", "openai", null, null, null, List.of(GPT_4O)))
                .expectException(invalid("displayName"));
    }

    @Test
    void aDisplayNameOfAHundredCharactersIsAccepted() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProvider(ID, "openai", "x".repeat(100), "openai", null, null, null,
                        List.of(GPT_4O)))
                .expectSuccessfulHandlerExecution();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://models.example.com", "localhost:11434", "not a url", "http://", "file:///etc/passwd"})
    void theBaseUrlMustBeAnHttpUrl(String baseUrl) {
        fixture.givenNoPriorActivity()
                .when(register("ollama", "ollama", baseUrl, null, List.of(GPT_4O)))
                .expectException(invalid("baseUrl"));
    }

    @Test
    void anEmptyBaseUrlMeansTheTypesDefault() {
        fixture.givenNoPriorActivity()
                .when(register("openai", "openai", "", null, List.of(GPT_4O)))
                .expectEvents(new ProviderRegistered(ID, "openai", "OpenAI", "openai", null, null, null,
                        List.of(GPT_4O_MODEL)));
    }

    @Test
    void aCustomProviderRequiresABaseUrl() {
        fixture.givenNoPriorActivity()
                .when(register("my-llm", "custom", null, null, List.of(GPT_4O)))
                .expectException(invalid("baseUrl"));
    }

    @Test
    void aCustomProviderWithABaseUrlIsAccepted() {
        fixture.givenNoPriorActivity()
                .when(register("my-llm", "custom", "https://llm.internal/v1", null, List.of(GPT_4O)))
                .expectSuccessfulHandlerExecution();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gemini", "OpenAI", ""})
    void anUnknownTypeIsRefused(String type) {
        fixture.givenNoPriorActivity()
                .when(register("openai", type, null, null, List.of(GPT_4O)))
                .expectException(invalid("type"));
    }

    @Test
    void aMissingTypeIsRefused() {
        fixture.givenNoPriorActivity()
                .when(register("openai", null, null, null, List.of(GPT_4O)))
                .expectException(invalid("type"));
    }

    @Test
    void anUnknownApiTypeIsRefused() {
        fixture.givenNoPriorActivity()
                .when(register("openai", "openai", null, "grpc", List.of(GPT_4O)))
                .expectException(invalid("apiType"));
    }

    @Test
    void aProviderNeedsAtLeastOneModel() {
        fixture.givenNoPriorActivity()
                .when(register("openai", "openai", null, null, List.of()))
                .expectException(invalid("models"));
        fixture.givenNoPriorActivity()
                .when(register("openai", "openai", null, null, null))
                .expectException(invalid("models"));
    }

    @Test
    void modelIdsAreUniqueWithinAProvider() {
        fixture.givenNoPriorActivity()
                .when(register("openai", "openai", null, null,
                        List.of(GPT_4O, new ModelInput("gpt-4o", "again", null, null))))
                .expectException(invalid("models[1].id"));
    }

    @Test
    void aModelNeedsAnId() {
        fixture.givenNoPriorActivity()
                .when(register("openai", "openai", null, null, List.of(GPT_4O, new ModelInput(" ", null, null, null))))
                .expectException(invalid("models[1].id"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void contextWindowAndMaxTokensMustBePositive(int value) {
        fixture.givenNoPriorActivity()
                .when(register("openai", "openai", null, null, List.of(new ModelInput("gpt-4o", null, value, value))))
                .expectException(exceptionSatisfying(InvalidCommandException.class, e ->
                        assertThat(e.violations()).extracting(FieldViolation::field)
                                .containsExactlyInAnyOrder("models[0].contextWindow", "models[0].maxTokens")));
    }

    @Test
    void everyBrokenRuleIsReportedAtOnce() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProvider(ID, "Bad Name", "", "gemini", "ftp://x", null, null, List.of()))
                .expectException(exceptionSatisfying(InvalidCommandException.class, e ->
                        assertThat(e.violations()).extracting(FieldViolation::field)
                                .containsExactlyInAnyOrder("name", "displayName", "type", "baseUrl", "models")));
    }

    @Test
    void theApiKeyIsEncryptedAndThePlaintextNeverEntersTheEvent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProvider(ID, "openai", "OpenAI", "openai", null, API_KEY, null, List.of(GPT_4O)))
                .expectEventsMatching(payloadsSatisfying(events -> {
                    assertThat(asJson(events)).doesNotContain(API_KEY);
                    assertThat(events).singleElement().isInstanceOfSatisfying(ProviderRegistered.class, e -> {
                        assertThat(e.apiKey().ciphertext()).startsWith("enc:v1:");
                        assertThat(cipher.decrypt(e.apiKey(), SecretOwner.providerApiKey(ID))).isEqualTo(API_KEY);
                    });
                }));
    }

    // ---- updates -----------------------------------------------------------------------------------------

    @Test
    void changingTheDisplayNameEmitsOnlyProviderDetailsChanged() {
        fixture.given(registered())
                .when(update("OpenAI (prod)", null, null, null, null))
                .expectEvents(new ProviderDetailsChanged(ID, "OpenAI (prod)", "openai", null, null))
                .expectResultMessagePayload(1L);
    }

    @Test
    void anUpdateThatChangesNothingEmitsNothing() {
        fixture.given(registered())
                .when(new UpdateProvider(ID, null, "OpenAI", "openai", null, null,
                        List.of(GPT_4O, GPT_MINI), true))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void anUpdateIsValidatedLikeARegistration() {
        fixture.given(registered())
                .when(update("", "gemini", "ftp://x", null, null))
                .expectException(exceptionSatisfying(InvalidCommandException.class, e ->
                        assertThat(e.violations()).extracting(FieldViolation::field)
                                .containsExactlyInAnyOrder("displayName", "type", "baseUrl")))
                .expectNoEvents();
    }

    @Test
    void switchingToTheCustomTypeRequiresABaseUrl() {
        fixture.given(registered())
                .when(update(null, "custom", null, null, null))
                .expectException(invalid("baseUrl"));
    }

    @Test
    void anEmptyBaseUrlReturnsToTheTypesDefault() {
        fixture.given(new ProviderRegistered(ID, "openai", "OpenAI", "openai", "https://proxy.example/v1", null, null,
                        List.of(GPT_4O_MODEL)))
                .when(update(null, null, "", null, null))
                .expectEvents(new ProviderDetailsChanged(ID, "OpenAI", "openai", null, null));
    }

    @Test
    void updatedModelsAreValidated() {
        fixture.given(registered())
                .when(update(null, null, null, null, List.of(GPT_4O, new ModelInput("gpt-4o", null, null, 0))))
                .expectException(exceptionSatisfying(InvalidCommandException.class, e ->
                        assertThat(e.violations()).extracting(FieldViolation::field)
                                .containsExactlyInAnyOrder("models[1].id", "models[1].maxTokens")));
    }

    @Test
    void anUpdateCannotRemoveEveryModel() {
        fixture.given(registered())
                .when(update(null, null, null, null, List.of()))
                .expectException(invalid("models"));
    }

    @Test
    void droppingAnUnusedModelEmitsProviderModelsChanged() {
        usage.agentUses("alpha", ID, "gpt-4o");

        fixture.given(registered())
                .when(update(null, null, null, null, List.of(GPT_4O)))
                .expectEvents(new ProviderModelsChanged(ID, List.of(GPT_4O_MODEL)));
    }

    @Test
    void droppingAModelAnAgentUsesIsRefusedNamingTheAgent() {
        usage.agentUses("alpha", ID, "gpt-4o-mini").agentUses("beta", ID, "gpt-4o");

        fixture.given(registered())
                .when(update(null, null, null, null, List.of(GPT_4O)))
                .expectException(exceptionSatisfying(EntityInUseException.class,
                        e -> assertThat(e.agents()).containsExactly("alpha")))
                .expectNoEvents();
    }

    @Test
    void deactivatingAnUnusedProviderEmitsProviderDeactivated() {
        usage.agentUses("alpha", "another-provider", "gpt-4o");

        fixture.given(registered())
                .when(activeFlag(false))
                .expectEvents(new ProviderDeactivated(ID));
    }

    @Test
    void deactivatingAProviderThatAgentsUseIsRefusedNamingThem() {
        usage.agentUses("beta", ID, "gpt-4o").agentUses("alpha", ID, "gpt-4o-mini");

        fixture.given(registered())
                .when(activeFlag(false))
                .expectException(exceptionSatisfying(EntityInUseException.class, e -> {
                    assertThat(e.agents()).containsExactly("alpha", "beta");
                    assertThat(e.getMessage()).contains("alpha", "beta");
                }))
                .expectNoEvents();
    }

    @Test
    void deactivatingAnInactiveProviderEmitsNothing() {
        fixture.given(registered(), new ProviderDeactivated(ID))
                .when(activeFlag(false))
                .expectNoEvents();
    }

    @Test
    void reactivatingAProviderEmitsProviderActivated() {
        fixture.given(registered(), new ProviderDeactivated(ID))
                .when(activeFlag(true))
                .expectEvents(new ProviderActivated(ID));
    }

    @Test
    void aStaleExpectedVersionIsRefused() {
        fixture.given(registered(), new ProviderDetailsChanged(ID, "OpenAI 2", "openai", null, null))
                .when(new UpdateProvider(ID, 0L, "OpenAI 3", null, null, null, null, null))
                .expectException(ConflictingAggregateVersionException.class);
    }

    // ---- API key -----------------------------------------------------------------------------------------

    @Test
    void replacingTheApiKeyEncryptsIt() {
        fixture.given(registered())
                .when(new ReplaceProviderApiKey(ID, null, API_KEY))
                .expectEventsMatching(payloadsSatisfying(events -> {
                    assertThat(asJson(events)).doesNotContain(API_KEY);
                    assertThat(events).singleElement().isInstanceOfSatisfying(ProviderApiKeyRotated.class,
                            e -> assertThat(cipher.decrypt(e.apiKey(), SecretOwner.providerApiKey(ID)))
                                    .isEqualTo(API_KEY));
                }));
    }

    @Test
    void anEmptyApiKeyClearsTheKey() {
        fixture.given(registered())
                .when(new ReplaceProviderApiKey(ID, null, ""))
                .expectEvents(new ProviderApiKeyRotated(ID, null));
    }

    // ---- removal -----------------------------------------------------------------------------------------

    @Test
    void removingAProviderReleasesItsNameAndEmitsProviderRemoved() {
        names.claim(NameKind.PROVIDER, "openai", ID);

        fixture.given(registered())
                .when(new RemoveProvider(ID, null))
                .expectEvents(new ProviderRemoved(ID, "openai"))
                .expectMarkedDeleted();
        assertThat(names.ownerOf(NameKind.PROVIDER, "openai")).isEmpty();
    }

    @Test
    void removingAProviderThatAgentsUseIsRefusedNamingThem() {
        names.claim(NameKind.PROVIDER, "openai", ID);
        usage.agentUses("alpha", ID, "gpt-4o");

        fixture.given(registered())
                .when(new RemoveProvider(ID, null))
                .expectException(exceptionSatisfying(EntityInUseException.class,
                        e -> assertThat(e.agents()).containsExactly("alpha")))
                .expectNoEvents();
        assertThat(names.ownerOf(NameKind.PROVIDER, "openai")).contains(ID);
    }

    @Test
    void aRemovedProviderCannotChange() {
        fixture.given(registered(), new ProviderRemoved(ID, "openai"))
                .when(update("OpenAI again", null, null, null, null))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void aRemovedProviderCannotBeRemovedAgain() {
        fixture.given(registered(), new ProviderRemoved(ID, "openai"))
                .when(new RemoveProvider(ID, null))
                .expectException(AggregateDeletedException.class);
    }

    // ---- versions ----------------------------------------------------------------------------------------

    @Test
    void theReturnedVersionIsTheSequenceNumberOfTheLastEvent() {
        fixture.given(registered(), new ProviderApiKeyRotated(ID, null))
                .when(new UpdateProvider(ID, null, "OpenAI (prod)", null, null, null, List.of(GPT_4O), false))
                .expectEvents(new ProviderModelsChanged(ID, List.of(GPT_4O_MODEL)),
                        new ProviderDetailsChanged(ID, "OpenAI (prod)", "openai", null, null),
                        new ProviderDeactivated(ID))
                .expectResultMessagePayload(4L);
        assertThat(fixture.getEventStore().lastSequenceNumberFor(ID)).contains(4L);
    }

    @Test
    void theApiKeyAndRemoveHandlersAlsoReturnTheNewVersion() {
        fixture.given(registered())
                .when(new ReplaceProviderApiKey(ID, null, API_KEY))
                .expectResultMessagePayload(1L);
        fixture.given(registered())
                .when(new RemoveProvider(ID, null))
                .expectResultMessagePayload(1L);
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static RegisterProvider register(String name, String type, String baseUrl, String apiType,
                                             List<ModelInput> models) {
        return new RegisterProvider(ID, name, "OpenAI", type, baseUrl, null, apiType, models);
    }

    private static ProviderRegistered registered() {
        return new ProviderRegistered(ID, "openai", "OpenAI", "openai", null, null, null,
                List.of(GPT_4O_MODEL, GPT_MINI_MODEL));
    }

    private static UpdateProvider update(String displayName, String type, String baseUrl, String apiType,
                                         List<ModelInput> models) {
        return new UpdateProvider(ID, null, displayName, type, baseUrl, apiType, models, null);
    }

    private static UpdateProvider activeFlag(boolean active) {
        return new UpdateProvider(ID, null, null, null, null, null, null, active);
    }
}
