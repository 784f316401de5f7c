package dev.mosaic.query.api;

import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.secret.SecretRef;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration right after the event at {@link #seq()}, as a fold of the event store: providers and
 * agents (by id, secrets as their ciphertexts), the OIDC settings and whether onboarding is complete.
 */
public interface FleetState {
    record Provider(String id, String name, String displayName, String type, String baseUrl, String apiType,
                    SecretRef apiKey, List<ProviderModel> models, boolean active, long version) {
    }

    record Agent(String id, String name, String displayName, String role, String gatewayUrl,
                 String providerId, String primaryModel, List<ModelRef> fallbacks, String personality,
                 List<String> toolPermissions, boolean active, SecretRef token, String tokenHash,
                 long version) {
    }

    record Oidc(String issuerUrl, String clientId, SecretRef clientSecret, List<String> scopes,
                String roleClaim, List<String> adminValues, List<String> auditorValues, boolean verified) {
    }

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

    Oidc oidc();

    /** The installation's aggregate version (null before its first event). */
    Long installationVersion();

    boolean onboardingCompleted();
}
