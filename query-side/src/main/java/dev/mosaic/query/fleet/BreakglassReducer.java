package dev.mosaic.query.fleet;

import dev.mosaic.events.breakglass.BreakglassEvent;
import dev.mosaic.events.breakglass.BreakglassPasswordChanged;
import dev.mosaic.events.breakglass.BreakglassUserCreated;
import dev.mosaic.events.breakglass.BreakglassUserDeactivated;
import dev.mosaic.events.breakglass.BreakglassUserReactivated;
import dev.mosaic.query.api.BreakglassCredential;
import org.springframework.lang.Nullable;

/** What each breakglass event means to the account sign-in checks: the one place that decides it. */
public final class BreakglassReducer {
    private BreakglassReducer() {
    }

    @Nullable
    public static BreakglassCredential apply(@Nullable BreakglassCredential account, BreakglassEvent event) {
        if (event instanceof BreakglassUserCreated e) {
            return new BreakglassCredential(e.userId(), e.username(), e.passwordHash(), true);
        }
        if (account == null) {
            return null;
        }
        if (event instanceof BreakglassPasswordChanged e) {
            return new BreakglassCredential(account.userId(), account.username(), e.passwordHash(), account.active());
        }
        if (event instanceof BreakglassUserDeactivated) {
            return new BreakglassCredential(account.userId(), account.username(), account.passwordHash(), false);
        }
        if (event instanceof BreakglassUserReactivated) {
            return new BreakglassCredential(account.userId(), account.username(), account.passwordHash(), true);
        }
        return account;
    }
}
