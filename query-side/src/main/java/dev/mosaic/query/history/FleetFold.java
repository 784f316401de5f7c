package dev.mosaic.query.history;

import dev.mosaic.events.agent.AgentActivated;
import dev.mosaic.events.agent.AgentDeactivated;
import dev.mosaic.events.agent.AgentEvent;
import dev.mosaic.events.agent.AgentModelAssigned;
import dev.mosaic.events.agent.AgentPersonalityChanged;
import dev.mosaic.events.agent.AgentProfileChanged;
import dev.mosaic.events.agent.AgentRegistered;
import dev.mosaic.events.agent.AgentRemoved;
import dev.mosaic.events.agent.AgentTokenRotated;
import dev.mosaic.events.agent.AgentToolPermissionsChanged;
import dev.mosaic.events.installation.OidcConfigured;
import dev.mosaic.events.installation.OidcRemoved;
import dev.mosaic.events.installation.OidcSignInVerified;
import dev.mosaic.events.installation.OnboardingCompleted;
import dev.mosaic.events.provider.ProviderActivated;
import dev.mosaic.events.provider.ProviderApiKeyRotated;
import dev.mosaic.events.provider.ProviderDeactivated;
import dev.mosaic.events.provider.ProviderDetailsChanged;
import dev.mosaic.events.provider.ProviderEvent;
import dev.mosaic.events.provider.ProviderModelsChanged;
import dev.mosaic.events.provider.ProviderRegistered;
import dev.mosaic.events.provider.ProviderRemoved;
import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.query.api.FleetState;

import java.util.List;

/**
 * Applies one event to a {@link FoldedFleet}: the same meaning the projections give it, without a database.
 * {@code version} is the event's sequence number within its aggregate (the entity's version, its ETag).
 * Events that are not configuration (sign-ins, breakglass credentials) leave the state as it is.
 */
public final class FleetFold {
    private FleetFold() {
    }

    public static void apply(FoldedFleet state, Object event, long version) {
        if (event instanceof ProviderEvent e) {
            provider(state, e, version);
        } else if (event instanceof AgentEvent e) {
            agent(state, e, version);
        } else if (event instanceof OnboardingCompleted) {
            state.onboardingCompleted(version);
        } else if (event instanceof OidcConfigured e) {
            state.oidc(new FleetState.Oidc(e.issuerUrl(), e.clientId(), e.clientSecret(), e.scopes(), e.roleClaim(),
                    e.adminValues(), e.auditorValues(), false), version);
        } else if (event instanceof OidcRemoved) {
            state.oidc(null, version);
        } else if (event instanceof OidcSignInVerified e) {
            FleetState.Oidc o = state.oidc();
            state.oidc(o == null || !o.issuerUrl().equals(e.issuerUrl()) ? o : new FleetState.Oidc(o.issuerUrl(),
                    o.clientId(), o.clientSecret(), o.scopes(), o.roleClaim(), o.adminValues(), o.auditorValues(),
                    true), version);
        }
    }

    private static void provider(FoldedFleet state, ProviderEvent event, long version) {
        if (event instanceof ProviderRegistered e) {
            state.put(new FleetState.Provider(e.providerId(), e.name(), e.displayName(), e.type(), e.baseUrl(),
                    e.apiType(), e.apiKey(), e.models(), true, version));
            return;
        }
        if (event instanceof ProviderRemoved e) {
            state.removeProvider(e.providerId());
            return;
        }
        FleetState.Provider p = state.provider(event.providerId()).orElse(null);
        if (p == null) {
            return;
        }
        FleetState.Provider next = p;
        if (event instanceof ProviderDetailsChanged e) {
            next = new FleetState.Provider(p.id(), p.name(), e.displayName(), e.type(), e.baseUrl(), e.apiType(),
                    p.apiKey(), p.models(), p.active(), version);
        } else if (event instanceof ProviderApiKeyRotated e) {
            next = new FleetState.Provider(p.id(), p.name(), p.displayName(), p.type(), p.baseUrl(), p.apiType(),
                    e.apiKey(), p.models(), p.active(), version);
        } else if (event instanceof ProviderModelsChanged e) {
            next = new FleetState.Provider(p.id(), p.name(), p.displayName(), p.type(), p.baseUrl(), p.apiType(),
                    p.apiKey(), e.models(), p.active(), version);
        } else if (event instanceof ProviderDeactivated) {
            next = active(p, false, version);
        } else if (event instanceof ProviderActivated) {
            next = active(p, true, version);
        }
        state.put(next);
    }

    private static FleetState.Provider active(FleetState.Provider p, boolean active, long version) {
        return new FleetState.Provider(p.id(), p.name(), p.displayName(), p.type(), p.baseUrl(), p.apiType(),
                p.apiKey(), p.models(), active, version);
    }

    private static void agent(FoldedFleet state, AgentEvent event, long version) {
        if (event instanceof AgentRegistered e) {
            state.put(new FleetState.Agent(e.agentId(), e.name(), e.displayName(), e.role(), e.gatewayUrl(), null,
                    null, List.of(), null, List.of(), true, e.token(), e.tokenHash(), version));
            return;
        }
        if (event instanceof AgentRemoved e) {
            state.removeAgent(e.agentId());
            return;
        }
        FleetState.Agent a = state.agent(event.agentId()).orElse(null);
        if (a == null) {
            return;
        }
        FleetState.Agent x = a;
        FleetState.Agent next = a;
        if (event instanceof AgentProfileChanged e) {
            next = new FleetState.Agent(x.id(), x.name(), e.displayName(), e.role(), e.gatewayUrl(), x.providerId(),
                    x.primaryModel(), x.fallbacks(), x.personality(), x.toolPermissions(), x.active(), x.token(),
                    x.tokenHash(), version);
        } else if (event instanceof AgentModelAssigned e) {
            next = new FleetState.Agent(x.id(), x.name(), x.displayName(), x.role(), x.gatewayUrl(), e.providerId(),
                    e.primaryModel(), refs(e.fallbacks()), x.personality(), x.toolPermissions(), x.active(),
                    x.token(), x.tokenHash(), version);
        } else if (event instanceof AgentPersonalityChanged e) {
            next = new FleetState.Agent(x.id(), x.name(), x.displayName(), x.role(), x.gatewayUrl(), x.providerId(),
                    x.primaryModel(), x.fallbacks(), e.personality(), x.toolPermissions(), x.active(), x.token(),
                    x.tokenHash(), version);
        } else if (event instanceof AgentToolPermissionsChanged e) {
            next = new FleetState.Agent(x.id(), x.name(), x.displayName(), x.role(), x.gatewayUrl(), x.providerId(),
                    x.primaryModel(), x.fallbacks(), x.personality(), e.toolPermissions(), x.active(), x.token(),
                    x.tokenHash(), version);
        } else if (event instanceof AgentTokenRotated e) {
            next = new FleetState.Agent(x.id(), x.name(), x.displayName(), x.role(), x.gatewayUrl(), x.providerId(),
                    x.primaryModel(), x.fallbacks(), x.personality(), x.toolPermissions(), x.active(), e.token(),
                    e.tokenHash(), version);
        } else if (event instanceof AgentDeactivated) {
            next = active(x, false, version);
        } else if (event instanceof AgentActivated) {
            next = active(x, true, version);
        }
        state.put(next);
    }

    private static List<ModelRef> refs(List<ModelRef> refs) {
        return refs == null ? List.of() : refs;
    }

    private static FleetState.Agent active(FleetState.Agent x, boolean active, long version) {
        return new FleetState.Agent(x.id(), x.name(), x.displayName(), x.role(), x.gatewayUrl(), x.providerId(),
                x.primaryModel(), x.fallbacks(), x.personality(), x.toolPermissions(), active, x.token(),
                x.tokenHash(), version);
    }
}
