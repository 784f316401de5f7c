package dev.mosaic.query.fleet;

import dev.mosaic.events.installation.ChangePolicySet;
import dev.mosaic.events.installation.InstallationEvent;
import dev.mosaic.events.installation.OidcConfigured;
import dev.mosaic.events.installation.OidcRemoved;
import dev.mosaic.events.installation.OidcSignInVerified;
import dev.mosaic.events.installation.OnboardingCompleted;
import dev.mosaic.events.installation.RolloutPolicySet;
import dev.mosaic.query.api.InstallationView;
import dev.mosaic.query.api.RolloutPolicy;

/**
 * What each installation event means (onboarding and single sign-on): the one place that decides it.
 * {@code version} is the event's sequence number in the installation aggregate (the OIDC settings' ETag).
 */
public final class InstallationReducer {
    private InstallationReducer() {
    }

    public static InstallationView apply(InstallationView installation, InstallationEvent event, long version) {
        InstallationView next = installation;
        if (event instanceof OnboardingCompleted) {
            next = installation.withOnboardingCompleted();
        } else if (event instanceof OidcConfigured e) {
            next = installation.withOidc(new InstallationView.OidcSettings(e.issuerUrl(), e.clientId(),
                    e.clientSecret(), e.scopes(), e.roleClaim(), e.adminValues(), e.auditorValues(), false));
        } else if (event instanceof RolloutPolicySet e) {
            next = installation.withRolloutPolicy(new RolloutPolicy(e.enabled(), e.waves(), e.bakeSeconds(),
                    e.applyTimeoutSeconds(), e.verify(), e.maxFailedAgents()));
        } else if (event instanceof ChangePolicySet e) {
            next = installation.withApprovalsRequired(e.approvalsRequired());
        } else if (event instanceof OidcRemoved) {
            next = installation.withOidc(null);
        } else if (event instanceof OidcSignInVerified e) {
            InstallationView.OidcSettings oidc = installation.oidc();
            // a sign-in verified against an issuer configured before the current one proves nothing about it
            if (oidc != null && oidc.issuerUrl().equals(e.issuerUrl())) {
                next = installation.withOidc(oidc.asVerified());
            }
        }
        return next.withVersion(version);
    }
}
