package dev.mosaic.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.events.provider.ProviderType;
import dev.mosaic.query.api.AgentView;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.api.ProviderView;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.util.List;

/** A folded state in the shapes of the settings reads, without secrets. */
final class StateViews {
    private StateViews() {
    }

    /** {@code GET /api/state}: the whole configuration right after event {@code seq}. */
    public record FleetAt(long seq, Instant at, List<ProviderView> providers, List<AgentView> agents,
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

    public static ProviderView provider(FleetState.Provider p) {
        ProviderType type = ProviderType.fromWireName(p.type()).orElse(null);
        String effectiveBaseUrl = p.baseUrl() != null ? p.baseUrl() : type == null ? null : type.defaultBaseUrl();
        String apiType = p.apiType() != null ? p.apiType() : type == null ? null : type.defaultApiType().wireName();
        return new ProviderView(p.id(), p.name(), p.displayName(), p.type(), p.baseUrl(), effectiveBaseUrl, apiType,
                p.apiKey() != null, p.models(), p.active(), p.version());
    }

    public static AgentView agent(FleetState.Agent a) {
        return new AgentView(a.id(), a.name(), a.displayName(), a.role(), a.gatewayUrl(), a.providerId(),
                a.primaryModel(), a.fallbacks(), a.personality(), a.toolPermissions(), a.active(), a.version());
    }

    public static OidcAt oidc(FleetState state) {
        FleetState.Oidc o = state.oidc();
        if (o == null) {
            return null;
        }
        return new OidcAt(true, o.issuerUrl(), o.clientId(), o.clientSecret() != null, o.scopes(), o.roleClaim(),
                o.adminValues(), o.auditorValues(), o.verified(), state.installationVersion());
    }

    public static FleetAt whole(FleetState state) {
        return new FleetAt(state.seq(), state.at(), state.providers().stream().map(StateViews::provider).toList(),
                state.agents().stream().map(StateViews::agent).toList(), oidc(state), state.onboardingCompleted());
    }
}
