package dev.mosaic.query.history;

import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.secret.SecretRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration right after the event at {@code seq}, as a fold of the event store: providers and
 * agents (by id, secrets as their ciphertexts), the OIDC settings and whether onboarding is complete.
 * Entries are immutable records; {@link #copy()} is cheap, so a cached state can be moved forward safely.
 */
public final class FleetState {
    private long seq;
    private Instant at;
    private final Map<String, Provider> providers;
    private final Map<String, Agent> agents;
    private Oidc oidc;
    private boolean onboardingCompleted;

    public record Provider(String id, String name, String displayName, String type, String baseUrl, String apiType,
                           SecretRef apiKey, List<ProviderModel> models, boolean active, long version) {
    }

    public record Agent(String id, String name, String displayName, String role, String gatewayUrl,
                        String providerId, String primaryModel, List<ModelRef> fallbacks, String personality,
                        List<String> toolPermissions, boolean active, SecretRef token, String tokenHash,
                        long version) {
    }

    public record Oidc(String issuerUrl, String clientId, SecretRef clientSecret, List<String> scopes,
                       String roleClaim, List<String> adminValues, List<String> auditorValues, boolean verified) {
    }

    /** The serialised form of a state (snapshots). */
    public record Snapshot(long seq, Instant at, List<Provider> providers, List<Agent> agents, Oidc oidc,
                           Long installationVersion, boolean onboardingCompleted) {
    }

    private Long installationVersion;

    public FleetState() {
        this(0, null, new LinkedHashMap<>(), new LinkedHashMap<>(), null, null, false);
    }

    private FleetState(long seq, Instant at, Map<String, Provider> providers, Map<String, Agent> agents, Oidc oidc,
                       Long installationVersion, boolean onboardingCompleted) {
        this.seq = seq;
        this.at = at;
        this.providers = providers;
        this.agents = agents;
        this.oidc = oidc;
        this.installationVersion = installationVersion;
        this.onboardingCompleted = onboardingCompleted;
    }

    public FleetState copy() {
        return new FleetState(seq, at, new LinkedHashMap<>(providers), new LinkedHashMap<>(agents), oidc,
                installationVersion, onboardingCompleted);
    }

    public static FleetState of(Snapshot snapshot) {
        FleetState state = new FleetState(snapshot.seq(), snapshot.at(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                snapshot.oidc(), snapshot.installationVersion(), snapshot.onboardingCompleted());
        snapshot.providers().forEach(p -> state.providers.put(p.id(), p));
        snapshot.agents().forEach(a -> state.agents.put(a.id(), a));
        return state;
    }

    public Snapshot snapshot() {
        return new Snapshot(seq, at, List.copyOf(providers.values()), List.copyOf(agents.values()), oidc,
                installationVersion, onboardingCompleted);
    }

    public long seq() {
        return seq;
    }

    public Instant at() {
        return at;
    }

    void position(long seq, Instant at) {
        this.seq = seq;
        this.at = at;
    }

    public Optional<Provider> provider(String id) {
        return Optional.ofNullable(id == null ? null : providers.get(id));
    }

    public Optional<Agent> agent(String id) {
        return Optional.ofNullable(id == null ? null : agents.get(id));
    }

    public Optional<Agent> agentNamed(String name) {
        return agents.values().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public Optional<Provider> providerNamed(String name) {
        return providers.values().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Sorted by name, as the settings lists are. */
    public List<Provider> providers() {
        List<Provider> list = new ArrayList<>(providers.values());
        list.sort(Comparator.comparing(Provider::name));
        return list;
    }

    public List<Agent> agents() {
        List<Agent> list = new ArrayList<>(agents.values());
        list.sort(Comparator.comparing(Agent::name));
        return list;
    }

    /** Agents whose primary model or a fallback comes from this provider. */
    public List<Agent> agentsUsing(String providerId) {
        return agents.values().stream().filter(a -> uses(a, providerId)).toList();
    }

    public static boolean uses(Agent agent, String providerId) {
        return providerId.equals(agent.providerId())
                || agent.fallbacks().stream().anyMatch(f -> providerId.equals(f.providerId()));
    }

    public Oidc oidc() {
        return oidc;
    }

    public Long installationVersion() {
        return installationVersion;
    }

    public boolean onboardingCompleted() {
        return onboardingCompleted;
    }

    void put(Provider provider) {
        providers.put(provider.id(), provider);
    }

    void removeProvider(String id) {
        providers.remove(id);
    }

    void put(Agent agent) {
        agents.put(agent.id(), agent);
    }

    void removeAgent(String id) {
        agents.remove(id);
    }

    void oidc(Oidc oidc, long version) {
        this.oidc = oidc;
        this.installationVersion = version;
    }

    void onboardingCompleted(long version) {
        this.onboardingCompleted = true;
        this.installationVersion = version;
    }
}
