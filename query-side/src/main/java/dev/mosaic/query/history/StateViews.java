package dev.mosaic.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.api.InstallationView;
import dev.mosaic.query.api.ProviderView;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.util.List;

/** A folded state in the shapes of the settings reads, without secrets. */
final class StateViews {
    private StateViews() {
    }

    /** {@code GET /api/state}: the whole configuration right after event {@code seq}. */
    public record FleetAt(long seq, Instant at, List<ProviderView> providers, List<Agent> agents,
                          @Nullable OidcAt oidc, boolean onboardingCompleted) {
    }

    /** The single-sign-on settings of a past state: the client secret only as {@code clientSecretSet}. */
    public record OidcAt(boolean configured, String issuerUrl, String clientId, boolean clientSecretSet,
                         @Nullable List<String> scopes, @Nullable String roleClaim, @Nullable List<String> adminValues,
                         @Nullable List<String> auditorValues, boolean verified, Long version) {
    }

    /** {@code GET /api/agents/{name}/config/at}: an agent's masked config right after event {@code seq}. */
    public record AgentConfigAt(long seq, @Nullable Long version, JsonNode document, @Nullable String soul) {
    }

    public static OidcAt oidc(FleetState state) {
        InstallationView.OidcSettings o = state.oidc();
        if (o == null) {
            return null;
        }
        return new OidcAt(true, o.issuerUrl(), o.clientId(), o.clientSecret() != null, o.scopes(), o.roleClaim(),
                o.adminValues(), o.auditorValues(), o.verified(), state.installationVersion());
    }

    public static FleetAt whole(FleetState state) {
        return new FleetAt(state.seq(), state.at(), state.providers().stream().map(ProviderView::of).toList(),
                state.agents(), oidc(state), state.onboardingCompleted());
    }
}
