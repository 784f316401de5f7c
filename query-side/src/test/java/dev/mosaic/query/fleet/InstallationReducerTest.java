package dev.mosaic.query.fleet;

import dev.mosaic.events.installation.OidcConfigured;
import dev.mosaic.events.installation.OidcRemoved;
import dev.mosaic.events.installation.OidcSignInVerified;
import dev.mosaic.events.installation.OnboardingCompleted;
import dev.mosaic.query.api.InstallationView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.mosaic.query.testing.VisibleCipher.sealed;
import static org.assertj.core.api.Assertions.assertThat;

class InstallationReducerTest {
    private static final OidcConfigured IDP = new OidcConfigured("installation", "https://idp", "mosaic",
            sealed("client-secret"), List.of("openid"), "roles", List.of("admin"), List.of("audit"));

    @Test
    void onboardingCompletesAndEveryEventMovesTheVersion() {
        InstallationView done = InstallationReducer.apply(InstallationView.INITIAL, new OnboardingCompleted("i"), 0);
        assertThat(done).isEqualTo(new InstallationView(true, null, 0L));
    }

    @Test
    void oidcIsConfiguredUnverifiedThenVerifiedOnlyForItsOwnIssuer() {
        InstallationView configured = InstallationReducer.apply(InstallationView.INITIAL, IDP, 0);
        assertThat(configured.oidc()).isEqualTo(new InstallationView.OidcSettings("https://idp", "mosaic",
                sealed("client-secret"), List.of("openid"), "roles", List.of("admin"), List.of("audit"), false));

        InstallationView other = InstallationReducer.apply(configured,
                new OidcSignInVerified("i", "https://old-idp", "sub"), 1);
        assertThat(other.oidc().verified()).isFalse();
        assertThat(other.version()).isEqualTo(1L);

        InstallationView verified = InstallationReducer.apply(other, new OidcSignInVerified("i", "https://idp", "s"), 2);
        assertThat(verified.oidc()).isEqualTo(configured.oidc().asVerified());

        assertThat(InstallationReducer.apply(verified, IDP, 3).oidc().verified()).as("a new configuration starts unverified")
                .isFalse();
        assertThat(InstallationReducer.apply(verified, new OidcRemoved("i"), 4))
                .isEqualTo(new InstallationView(false, null, 4L));
    }
}
