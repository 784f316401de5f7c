package dev.mosaic.query.history;

import dev.mosaic.events.provider.ProviderType;
import dev.mosaic.query.api.AgentView;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.api.ProviderView;

import java.util.LinkedHashMap;
import java.util.Map;

/** A folded state in the shapes of the settings reads, without secrets. */
final class StateViews {
    private StateViews() {
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

    public static Map<String, Object> oidc(FleetState state) {
        FleetState.Oidc o = state.oidc();
        if (o == null) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("configured", true);
        body.put("issuerUrl", o.issuerUrl());
        body.put("clientId", o.clientId());
        body.put("clientSecretSet", o.clientSecret() != null);
        body.put("scopes", o.scopes());
        body.put("roleClaim", o.roleClaim());
        body.put("adminValues", o.adminValues());
        body.put("auditorValues", o.auditorValues());
        body.put("verified", o.verified());
        body.put("version", state.installationVersion());
        return body;
    }

    public static Map<String, Object> whole(FleetState state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("seq", state.seq());
        body.put("at", state.at());
        body.put("providers", state.providers().stream().map(StateViews::provider).toList());
        body.put("agents", state.agents().stream().map(StateViews::agent).toList());
        body.put("oidc", oidc(state));
        body.put("onboardingCompleted", state.onboardingCompleted());
        return body;
    }
}
