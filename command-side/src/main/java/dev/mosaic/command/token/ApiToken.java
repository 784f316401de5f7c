package dev.mosaic.command.token;

import dev.mosaic.command.api.IssueApiToken;
import dev.mosaic.command.api.NotAllowedException;
import dev.mosaic.command.api.RevokeApiToken;
import dev.mosaic.command.api.UnknownEntityException;
import dev.mosaic.command.api.Violations;
import dev.mosaic.events.token.ApiTokenIssued;
import dev.mosaic.events.token.ApiTokenRevoked;
import dev.mosaic.events.token.ApiTokens;
import dev.mosaic.events.token.Caller;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.temporal.ChronoUnit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An API token: issued with a role no higher than its owner's (admins: ADMIN or AUDITOR, auditors: AUDITOR),
 * for 1 to 365 days; revoked once (revoking again changes nothing).
 */
@Aggregate
class ApiToken {
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 365;

    @AggregateIdentifier
    private String tokenId;
    private String ownerId;
    private boolean revoked;

    protected ApiToken() {
    }

    @CommandHandler
    public ApiToken(IssueApiToken command) {
        Violations v = new Violations().displayName("name", command.name());
        String role = command.role();
        if (role == null || role.isEmpty()) {
            v.add("role", "is required");
        } else {
            v.check(role.equals(ApiTokens.ADMIN) || role.equals(ApiTokens.AUDITOR), "role", "must be ADMIN or AUDITOR");
        }
        int days = command.expiresInDays() == null ? DEFAULT_DAYS : command.expiresInDays();
        v.check(days >= 1 && days <= MAX_DAYS, "expiresInDays", "must be between 1 and 365 (days)");
        v.throwIfAny();
        Caller owner = command.owner();
        if (owner == null || !(owner.isAdmin() || owner.roles().contains(ApiTokens.AUDITOR))) {
            throw new NotAllowedException("Only admins and auditors can have API tokens.");
        }
        if (role.equals(ApiTokens.ADMIN) && !owner.isAdmin()) {
            throw new NotAllowedException("An auditor can issue AUDITOR tokens only.");
        }
        apply(new ApiTokenIssued(command.tokenId(), command.name().strip(), role, owner.ownerId(), owner.ownerName(),
                command.tokenHash(), command.issuedAt(), command.issuedAt().plus(days, ChronoUnit.DAYS)));
    }

    @CommandHandler
    public void handle(RevokeApiToken command) {
        Caller caller = command.caller();
        if (caller == null || !(caller.isAdmin() || ownerId.equals(caller.ownerId()))) {
            throw new UnknownEntityException("token", tokenId); // others' tokens are not theirs to know of
        }
        if (!revoked) {
            apply(new ApiTokenRevoked(tokenId));
        }
    }

    @EventSourcingHandler
    void on(ApiTokenIssued event) {
        tokenId = event.tokenId();
        ownerId = event.ownerId();
    }

    @EventSourcingHandler
    void on(ApiTokenRevoked event) {
        revoked = true;
    }
}
