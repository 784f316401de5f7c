package dev.mosaic.command.breakglass;

import dev.mosaic.command.api.ReactivateBreakglassUser;
import dev.mosaic.command.api.DeactivateBreakglassUser;
import dev.mosaic.command.api.CreateBreakglassUser;
import dev.mosaic.command.api.ChangeBreakglassPassword;
import dev.mosaic.command.api.OnboardingClosedException;
import dev.mosaic.command.api.NameTakenException;
import dev.mosaic.command.api.RuleViolationException;
import dev.mosaic.command.api.Violations;
import dev.mosaic.command.api.BreakglassDirectory;
import dev.mosaic.command.naming.NameKind;
import dev.mosaic.command.naming.NameRegistry;
import dev.mosaic.events.breakglass.BreakglassPasswordChanged;
import dev.mosaic.events.breakglass.BreakglassUserCreated;
import dev.mosaic.events.breakglass.BreakglassUserDeactivated;
import dev.mosaic.events.breakglass.BreakglassUserReactivated;
import dev.mosaic.events.breakglass.PasswordHashing;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A local admin account that works whatever happens to the identity provider. */
@Aggregate
class BreakglassUser {
    @AggregateIdentifier
    private String userId;
    private boolean active;

    protected BreakglassUser() {
    }

    @CommandHandler
    public BreakglassUser(CreateBreakglassUser command, NameRegistry names, BreakglassDirectory directory,
                          PasswordHashing hashing) {
        Violations v = new Violations().name("username", command.username());
        PasswordPolicy.check(v, "password", command.password());
        v.throwIfAny();
        if (command.firstUser()
                && (directory.anyUser() || !names.claim(NameKind.ONBOARDING, "breakglass", command.userId()))) {
            throw new OnboardingClosedException();
        }
        if (!names.claim(NameKind.BREAKGLASS_USER, command.username(), command.userId())) {
            throw new NameTakenException("username", command.username());
        }
        apply(new BreakglassUserCreated(command.userId(), command.username(), hashing.hash(command.password())));
    }

    @CommandHandler
    public void handle(ChangeBreakglassPassword command, PasswordHashing hashing) {
        Violations v = new Violations();
        PasswordPolicy.check(v, "newPassword", command.newPassword());
        v.throwIfAny();
        apply(new BreakglassPasswordChanged(userId, hashing.hash(command.newPassword())));
    }

    @CommandHandler
    public void handle(DeactivateBreakglassUser command, BreakglassDirectory directory) {
        if (!active) {
            return;
        }
        if (directory.activeUsers() <= 1) {
            throw new RuleViolationException("the last active breakglass user cannot be deactivated");
        }
        apply(new BreakglassUserDeactivated(userId));
    }

    @CommandHandler
    public void handle(ReactivateBreakglassUser command) {
        if (!active) {
            apply(new BreakglassUserReactivated(userId));
        }
    }

    @EventSourcingHandler
    void on(BreakglassUserCreated event) {
        userId = event.userId();
        active = true;
    }

    @EventSourcingHandler
    void on(BreakglassUserDeactivated event) {
        active = false;
    }

    @EventSourcingHandler
    void on(BreakglassUserReactivated event) {
        active = true;
    }
}
