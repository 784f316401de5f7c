package dev.mosaic.command.installation;

import dev.mosaic.command.api.VerifyOidcSignIn;
import dev.mosaic.command.api.RemoveOidc;
import dev.mosaic.command.api.ConfigureOidc;
import dev.mosaic.command.api.CompleteOnboarding;
import dev.mosaic.command.api.RuleViolationException;
import dev.mosaic.command.api.Violations;
import dev.mosaic.command.api.BreakglassDirectory;
import dev.mosaic.events.installation.InstallationEvent;
import dev.mosaic.command.api.SetRolloutPolicy;
import dev.mosaic.command.api.SetChangePolicy;
import dev.mosaic.command.api.InvalidCommandException;
import dev.mosaic.events.installation.ChangePolicySet;
import dev.mosaic.events.installation.OidcConfigured;
import dev.mosaic.events.installation.RolloutPolicySet;
import dev.mosaic.events.installation.OidcRemoved;
import dev.mosaic.events.installation.OidcSignInVerified;
import dev.mosaic.events.installation.OnboardingCompleted;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/** The singleton that records onboarding and the single-sign-on settings. */
@Aggregate
public class Installation {
    public static final Pattern CLAIM = Pattern.compile("^[A-Za-z0-9_.:/-]{1,100}$");
    public static final String CLAIM_MESSAGE = "must be a claim name, e.g. groups or realm_access.roles";

    @AggregateIdentifier
    private String installationId;
    private boolean onboardingCompleted;
    private SecretRef oidcClientSecret;
    private String oidcIssuerUrl;
    private boolean oidcVerified;

    protected Installation() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CompleteOnboarding command, BreakglassDirectory directory) {
        if (onboardingCompleted) {
            return;
        }
        if (!directory.anyUser()) {
            throw new RuleViolationException("create the breakglass admin before completing onboarding");
        }
        apply(new OnboardingCompleted(command.installationId()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ConfigureOidc command, SecretCipher cipher) {
        requireVersion(command.expectedVersion());
        Violations v = new Violations().httpUrl("issuerUrl", command.issuerUrl());
        v.check(command.clientId() != null && !command.clientId().isBlank(), "clientId", "is required");
        v.optionalText("clientId", command.clientId(), 255);
        boolean newSecret = command.clientSecret() != null && !command.clientSecret().isEmpty();
        v.check(newSecret || oidcClientSecret != null, "clientSecret", "is required");
        v.check(command.roleClaim() == null || CLAIM.matcher(command.roleClaim()).matches(), "roleClaim",
                CLAIM_MESSAGE);
        v.throwIfAny();
        SecretRef secret = newSecret
                ? cipher.encrypt(command.clientSecret(), SecretOwner.oidcClientSecret()) : oidcClientSecret;
        apply(new OidcConfigured(command.installationId(), command.issuerUrl(), command.clientId(), secret,
                orDefault(command.scopes(), List.of("openid", "profile", "email")),
                command.roleClaim() == null || command.roleClaim().isBlank() ? "groups" : command.roleClaim(),
                orDefault(command.adminValues(), List.of()), orDefault(command.auditorValues(), List.of())));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RemoveOidc command) {
        requireVersion(command.expectedVersion());
        if (oidcClientSecret == null) {
            throw new RuleViolationException("OIDC is not configured");
        }
        apply(new OidcRemoved(installationId));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Long handle(SetRolloutPolicy command) {
        requireVersion(command.expectedVersion());
        RolloutPolicyRules.check(command);
        apply(new RolloutPolicySet(command.installationId(), command.enabled(), List.copyOf(command.waves()),
                command.bakeSeconds(), command.applyTimeoutSeconds(), command.verify(), command.maxFailedAgents()));
        return getVersion();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Long handle(SetChangePolicy command) {
        requireVersion(command.expectedVersion());
        if (command.approvalsRequired() < 0 || command.approvalsRequired() > SetChangePolicy.MAX_APPROVALS) {
            throw InvalidCommandException.of("approvalsRequired", "must be 0, 1 or 2");
        }
        apply(new ChangePolicySet(command.installationId(), command.approvalsRequired()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(ChangePolicySet event) {
        installationId = event.installationId();
    }

    /**
     * The first admin sign-in through the issuer configured now marks the settings verified; later ones, or
     * one that started before the settings changed to another issuer, change nothing.
     */
    @CommandHandler
    public void handle(VerifyOidcSignIn command) {
        if (oidcClientSecret == null || oidcVerified || !command.issuerUrl().equals(oidcIssuerUrl)) {
            return;
        }
        apply(new OidcSignInVerified(installationId, command.issuerUrl(), command.subject()));
    }

    /**
     * Axon checks {@code @TargetAggregateVersion} when it loads an aggregate, but not on the create-if-missing
     * path these singleton handlers take, so the check is made here.
     */
    private static void requireVersion(Long expected) {
        Long actual = getVersion();
        if (expected != null && !expected.equals(actual)) {
            throw new ConflictingAggregateVersionException(InstallationEvent.ID, expected, actual == null ? -1 : actual);
        }
    }

    private static List<String> orDefault(List<String> values, List<String> fallback) {
        return values == null || values.isEmpty() ? fallback : List.copyOf(values);
    }

    @EventSourcingHandler
    void on(OnboardingCompleted event) {
        installationId = event.installationId();
        onboardingCompleted = true;
    }

    @EventSourcingHandler
    void on(OidcConfigured event) {
        installationId = event.installationId();
        oidcClientSecret = event.clientSecret();
        oidcIssuerUrl = event.issuerUrl();
        oidcVerified = false;
    }

    @EventSourcingHandler
    void on(RolloutPolicySet event) {
        installationId = event.installationId();
    }

    @EventSourcingHandler
    void on(OidcSignInVerified event) {
        oidcVerified = true;
    }

    @EventSourcingHandler
    void on(OidcRemoved event) {
        oidcClientSecret = null;
        oidcIssuerUrl = null;
        oidcVerified = false;
    }
}
