package dev.mosaic.query.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration right after the event at {@link #seq()}, as a fold of the event store: providers and
 * agents (by id, secrets as their ciphertexts), the installation (onboarding, OIDC settings).
 */
public interface FleetState {
    long seq();

    Instant at();

    Optional<Provider> provider(String id);

    Optional<Agent> agent(String id);

    Optional<Agent> agentNamed(String name);

    Optional<Provider> providerNamed(String name);

    /** Sorted by name, as the settings lists are. */
    List<Provider> providers();

    /** Sorted by name. */
    List<Agent> agents();

    /** Agents whose primary model or a fallback comes from this provider. */
    List<Agent> agentsUsing(String providerId);

    InstallationView installation();

    default InstallationView.OidcSettings oidc() {
        return installation().oidc();
    }

    /** The installation's aggregate version (null before its first event). */
    default Long installationVersion() {
        return installation().version();
    }

    default boolean onboardingCompleted() {
        return installation().onboardingCompleted();
    }
}
