package dev.mosaic.command.token;

import dev.mosaic.command.api.IssueApiToken;
import dev.mosaic.command.api.NotAllowedException;
import dev.mosaic.command.api.RevokeApiToken;
import dev.mosaic.command.api.UnknownEntityException;
import dev.mosaic.events.token.ApiTokenIssued;
import dev.mosaic.events.token.ApiTokenRevoked;
import dev.mosaic.events.token.ApiTokens;
import dev.mosaic.events.token.Caller;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Set;

import static dev.mosaic.command.testing.FixtureMatchers.asJson;
import static dev.mosaic.command.testing.FixtureMatchers.exceptionSatisfying;
import static dev.mosaic.command.testing.FixtureMatchers.invalid;
import static dev.mosaic.command.testing.FixtureMatchers.payloadsSatisfying;
import static org.assertj.core.api.Assertions.assertThat;

class ApiTokenTest {
    private static final String ID = "token-1";
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Caller ADMIN = new Caller("user:u1", "admin", Set.of("ADMIN"), null);
    private static final Caller AUDITOR = new Caller("oidc:s2", "Ann Auditor", Set.of("AUDITOR"), null);
    private static final Caller USER = new Caller("oidc:s3", "Uma User", Set.of("USER"), null);
    private static final String TOKEN = ApiTokens.generate();
    private static final String HASH = ApiTokens.hash(TOKEN);

    private FixtureConfiguration<ApiToken> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiToken.class);
    }

    private static IssueApiToken issue(String name, String role, Integer days, Caller owner) {
        return new IssueApiToken(ID, name, role, days, NOW, HASH, owner);
    }

    private static ApiTokenIssued issued(Caller owner) {
        return new ApiTokenIssued(ID, "ci", "AUDITOR", owner.ownerId(), owner.ownerName(), HASH, NOW,
                NOW.plusSeconds(30L * 86400));
    }

    @Test
    void anAdminIssuesAnAdminTokenThatExpiresInThirtyDaysByDefault() {
        fixture.givenNoPriorActivity()
                .when(issue(" deploy bot ", "ADMIN", null, ADMIN))
                .expectEvents(new ApiTokenIssued(ID, "deploy bot", "ADMIN", "user:u1", "admin", HASH, NOW,
                        Instant.parse("2027-01-05T10:00:00Z")));
    }

    @Test
    void theEventKeepsTheHashNeverTheToken() {
        fixture.givenNoPriorActivity()
                .when(issue("ci", "AUDITOR", 365, ADMIN))
                .expectEventsMatching(payloadsSatisfying(events -> {
                    assertThat(asJson(events)).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(11));
                    assertThat(events).singleElement().isInstanceOfSatisfying(ApiTokenIssued.class, e -> {
                        assertThat(e.tokenHash()).hasSize(64).isEqualTo(HASH);
                        assertThat(e.expiresAt()).isEqualTo(NOW.plusSeconds(365L * 86400));
                    });
                }));
    }

    @Test
    void anAuditorIssuesAuditorTokens() {
        fixture.givenNoPriorActivity()
                .when(issue("reader", "AUDITOR", 1, AUDITOR))
                .expectEvents(new ApiTokenIssued(ID, "reader", "AUDITOR", "oidc:s2", "Ann Auditor", HASH, NOW,
                        NOW.plusSeconds(86400)));
    }

    @Test
    void anAuditorCannotIssueAnAdminToken() {
        fixture.givenNoPriorActivity()
                .when(issue("escalate", "ADMIN", null, AUDITOR))
                .expectException(exceptionSatisfying(NotAllowedException.class,
                        e -> assertThat(e.getMessage()).contains("AUDITOR tokens only")))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "AUDITOR"})
    void aPlainUserCannotIssueAnyToken(String role) {
        fixture.givenNoPriorActivity()
                .when(issue("mine", role, null, USER))
                .expectException(NotAllowedException.class)
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 366, 10000})
    void expiryOutsideOneToThreeHundredSixtyFiveDaysIsRefused(int days) {
        fixture.givenNoPriorActivity()
                .when(issue("ci", "ADMIN", days, ADMIN))
                .expectException(invalid("expiresInDays"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aNameIsRequired(String name) {
        fixture.givenNoPriorActivity()
                .when(issue(name, "ADMIN", null, ADMIN))
                .expectException(invalid("name"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(issue(null, "ADMIN", null, ADMIN))
                .expectException(invalid("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "USER", "admin", "OWNER"})
    void theRoleMustBeAdminOrAuditor(String role) {
        fixture.givenNoPriorActivity()
                .when(issue("ci", role, null, ADMIN))
                .expectException(invalid("role"))
                .expectNoEvents();
    }

    @Test
    void theOwnerRevokesTheirToken() {
        fixture.given(issued(AUDITOR))
                .when(new RevokeApiToken(ID, AUDITOR))
                .expectEvents(new ApiTokenRevoked(ID));
    }

    @Test
    void anAdminRevokesAnyonesToken() {
        fixture.given(issued(AUDITOR))
                .when(new RevokeApiToken(ID, ADMIN))
                .expectEvents(new ApiTokenRevoked(ID));
    }

    @Test
    void anotherAuditorCannotRevokeItAndLearnsNothingOfIt() {
        Caller other = new Caller("oidc:s9", "Other", Set.of("AUDITOR"), null);
        fixture.given(issued(AUDITOR))
                .when(new RevokeApiToken(ID, other))
                .expectException(UnknownEntityException.class)
                .expectNoEvents();
    }

    @Test
    void revokingTwiceChangesNothingTheSecondTime() {
        fixture.given(issued(ADMIN), new ApiTokenRevoked(ID))
                .when(new RevokeApiToken(ID, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void tokensHaveTheirShape() {
        String token = ApiTokens.generate();
        assertThat(token).startsWith("mosaic_pat_").hasSize(11 + 43);
        assertThat(ApiTokens.looksLikeToken(token)).isTrue();
        assertThat(token.substring(11)).matches("[0-9A-Za-z]{43}");
        assertThat(ApiTokens.generate()).isNotEqualTo(token);
        assertThat(ApiTokens.looksLikeToken("mosaic_pat_short")).isFalse();
        assertThat(ApiTokens.looksLikeToken("mag_" + token.substring(11))).isFalse();
    }
}
