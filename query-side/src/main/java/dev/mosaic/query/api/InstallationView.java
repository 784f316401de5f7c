package dev.mosaic.query.api;

import dev.mosaic.events.secret.SecretRef;
import org.springframework.lang.Nullable;

import java.util.List;

/**
 * Onboarding state and the OIDC settings; the client secret stays a ciphertext. {@code version} is the
 * installation's aggregate version (null before its first event). What an event does to it is decided by
 * {@code InstallationReducer} alone.
 */
public record InstallationView(boolean onboardingCompleted, @Nullable OidcSettings oidc, @Nullable Long version,
                               @Nullable RolloutPolicy rolloutPolicy, Integer approvalsRequired) {
    public static final InstallationView INITIAL = new InstallationView(false, null, null, null, 0);

    /** Views stored before the change policy existed have none: four-eyes off. */
    public InstallationView {
        approvalsRequired = approvalsRequired == null ? 0 : approvalsRequired;
    }

    public InstallationView(boolean onboardingCompleted, OidcSettings oidc, Long version) {
        this(onboardingCompleted, oidc, version, null, 0);
    }

    /** The rollout policy in force (the default, off, until one is set). */
    public RolloutPolicy policy() {
        return rolloutPolicy == null ? RolloutPolicy.DEFAULT : rolloutPolicy;
    }

    public record OidcSettings(String issuerUrl, String clientId, SecretRef clientSecret, List<String> scopes,
                               String roleClaim, List<String> adminValues, List<String> auditorValues,
                               boolean verified) {
        public OidcSettings asVerified() {
            return new OidcSettings(issuerUrl, clientId, clientSecret, scopes, roleClaim, adminValues, auditorValues,
                    true);
        }

        @Override
        public String toString() {
            return "OidcSettings[" + issuerUrl + "]";
        }
    }

    public InstallationView withOnboardingCompleted() {
        return new InstallationView(true, oidc, version, rolloutPolicy, approvalsRequired);
    }

    public InstallationView withOidc(OidcSettings oidc) {
        return new InstallationView(onboardingCompleted, oidc, version, rolloutPolicy, approvalsRequired);
    }

    public InstallationView withRolloutPolicy(RolloutPolicy rolloutPolicy) {
        return new InstallationView(onboardingCompleted, oidc, version, rolloutPolicy, approvalsRequired);
    }

    /** How many admins besides the author must approve a change to the fleet (0: four-eyes is off). */
    public InstallationView withApprovalsRequired(int approvalsRequired) {
        return new InstallationView(onboardingCompleted, oidc, version, rolloutPolicy, approvalsRequired);
    }

    public InstallationView withVersion(long version) {
        return new InstallationView(onboardingCompleted, oidc, version, rolloutPolicy, approvalsRequired);
    }
}
