package dev.mosaic.command.breakglass;

import dev.mosaic.command.api.ReactivateBreakglassUser;
import dev.mosaic.command.api.DeactivateBreakglassUser;
import dev.mosaic.command.api.CreateBreakglassUser;
import dev.mosaic.command.api.ChangeBreakglassPassword;
import dev.mosaic.command.api.OnboardingClosedException;
import dev.mosaic.command.api.NameTakenException;
import dev.mosaic.command.api.RuleViolationException;
import dev.mosaic.command.naming.NameKind;
import dev.mosaic.command.testing.InMemoryBreakglassDirectory;
import dev.mosaic.command.testing.InMemoryNameRegistry;
import dev.mosaic.events.breakglass.BreakglassPasswordChanged;
import dev.mosaic.events.breakglass.BreakglassUserCreated;
import dev.mosaic.events.breakglass.BreakglassUserDeactivated;
import dev.mosaic.events.breakglass.BreakglassUserReactivated;
import dev.mosaic.events.breakglass.PasswordHashing;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static dev.mosaic.command.testing.FixtureMatchers.asJson;
import static dev.mosaic.command.testing.FixtureMatchers.exceptionSatisfying;
import static dev.mosaic.command.testing.FixtureMatchers.invalid;
import static dev.mosaic.command.testing.FixtureMatchers.payloadsSatisfying;
import static org.assertj.core.api.Assertions.assertThat;

class BreakglassUserTest {
    private static final String ID = "user-1";
    private static final String PASSWORD = "correct horse battery";
    private static final String HASH = "$2a$04$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1";

    private final InMemoryNameRegistry names = new InMemoryNameRegistry();
    private final InMemoryBreakglassDirectory directory = new InMemoryBreakglassDirectory();
    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
    private FixtureConfiguration<BreakglassUser> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BreakglassUser.class);
        fixture.registerInjectableResource(names);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource((PasswordHashing) encoder::encode);
    }

    // ---- creation ----------------------------------------------------------------------------------------

    @Test
    void creatingAUserStoresABcryptHashNeverThePassword() {
        fixture.givenNoPriorActivity()
                .when(new CreateBreakglassUser(ID, "admin", PASSWORD, false))
                .expectEventsMatching(payloadsSatisfying(events -> {
                    assertThat(asJson(events)).doesNotContain(PASSWORD);
                    assertThat(events).singleElement().isInstanceOfSatisfying(BreakglassUserCreated.class, e -> {
                        assertThat(e.userId()).isEqualTo(ID);
                        assertThat(e.username()).isEqualTo("admin");
                        assertThat(e.passwordHash()).startsWith("$2a$04$");
                        assertThat(encoder.matches(PASSWORD, e.passwordHash())).isTrue();
                    });
                }));
        assertThat(names.ownerOf(NameKind.BREAKGLASS_USER, "admin")).contains(ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "Admin", "-admin", "admin@example.com", "ad min"})
    void usernamesMustMatchTheNamePattern(String username) {
        fixture.givenNoPriorActivity()
                .when(new CreateBreakglassUser(ID, username, PASSWORD, false))
                .expectException(invalid("username"))
                .expectNoEvents();
    }

    @Test
    void aUsernameAlreadyClaimedIsRefusedWithNameTaken() {
        names.claim(NameKind.BREAKGLASS_USER, "admin", "user-0");

        fixture.givenNoPriorActivity()
                .when(new CreateBreakglassUser(ID, "admin", PASSWORD, false))
                .expectException(exceptionSatisfying(NameTakenException.class,
                        e -> assertThat(e.field()).isEqualTo("username")))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "elevenchars"})
    void aPasswordUnderTwelveCharactersIsRefused(String password) {
        fixture.givenNoPriorActivity()
                .when(new CreateBreakglassUser(ID, "admin", password, false))
                .expectException(invalid("password"))
                .expectNoEvents();
    }

    @Test
    void aMissingPasswordIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateBreakglassUser(ID, "admin", null, false))
                .expectException(invalid("password"));
    }

    @Test
    void aPasswordOfTwelveCharactersIsAccepted() {
        fixture.givenNoPriorActivity()
                .when(new CreateBreakglassUser(ID, "admin", "twelve-chars", false))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aPasswordOverSeventyTwoBytesIsRefusedRatherThanTruncated() {
        fixture.givenNoPriorActivity()
                .when(new CreateBreakglassUser(ID, "admin", "é".repeat(37), false))
                .expectException(invalid("password"));
    }

    @Test
    void theFirstUserCanBeCreatedWhileNoUserExists() {
        fixture.givenNoPriorActivity()
                .when(new CreateBreakglassUser(ID, "admin", PASSWORD, true))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsSatisfying(events ->
                        assertThat(events).singleElement().isInstanceOf(BreakglassUserCreated.class)));
        assertThat(names.ownerOf(NameKind.ONBOARDING, "breakglass")).contains(ID);
    }

    @Test
    void firstUserCreationWhenAUserAlreadyExistsIsRefusedAsOnboardingClosed() {
        directory.activeUser("user-0");

        fixture.givenNoPriorActivity()
                .when(new CreateBreakglassUser(ID, "admin", PASSWORD, true))
                .expectException(OnboardingClosedException.class)
                .expectNoEvents();
        assertThat(names.ownerOf(NameKind.BREAKGLASS_USER, "admin")).isEmpty();
    }

    @Test
    void firstUserCreationWhenAnotherOnboardingClaimedTheSlotIsRefused() {
        names.claim(NameKind.ONBOARDING, "breakglass", "user-0");

        fixture.givenNoPriorActivity()
                .when(new CreateBreakglassUser(ID, "admin", PASSWORD, true))
                .expectException(OnboardingClosedException.class);
    }

    // ---- password ----------------------------------------------------------------------------------------

    @Test
    void changingThePasswordStoresANewBcryptHash() {
        String newPassword = "a much longer new password";
        fixture.given(created())
                .when(new ChangeBreakglassPassword(ID, newPassword))
                .expectEventsMatching(payloadsSatisfying(events -> {
                    assertThat(asJson(events)).doesNotContain(newPassword);
                    assertThat(events).singleElement().isInstanceOfSatisfying(BreakglassPasswordChanged.class,
                            e -> assertThat(encoder.matches(newPassword, e.passwordHash())).isTrue());
                }));
    }

    @Test
    void aNewPasswordUnderTwelveCharactersIsRefused() {
        fixture.given(created())
                .when(new ChangeBreakglassPassword(ID, "too-short"))
                .expectException(invalid("newPassword"))
                .expectNoEvents();
    }

    // ---- deactivation ------------------------------------------------------------------------------------

    @Test
    void theLastActiveBreakglassUserCannotBeDeactivated() {
        directory.activeUser(ID).inactiveUser("user-2");

        fixture.given(created())
                .when(new DeactivateBreakglassUser(ID))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void deactivatingWorksWhileAnotherActiveUserExists() {
        directory.activeUser(ID).activeUser("user-2");

        fixture.given(created())
                .when(new DeactivateBreakglassUser(ID))
                .expectEvents(new BreakglassUserDeactivated(ID));
    }

    @Test
    void deactivatingAnInactiveUserEmitsNothing() {
        directory.inactiveUser(ID).activeUser("user-2");

        fixture.given(created(), new BreakglassUserDeactivated(ID))
                .when(new DeactivateBreakglassUser(ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reactivatingAnInactiveUserEmitsBreakglassUserReactivated() {
        fixture.given(created(), new BreakglassUserDeactivated(ID))
                .when(new ReactivateBreakglassUser(ID))
                .expectEvents(new BreakglassUserReactivated(ID));
    }

    @Test
    void reactivatingAnActiveUserEmitsNothing() {
        fixture.given(created())
                .when(new ReactivateBreakglassUser(ID))
                .expectNoEvents();
    }

    private static BreakglassUserCreated created() {
        return new BreakglassUserCreated(ID, "admin", HASH);
    }
}
