package dev.mosaic.query.history;

import dev.mosaic.query.api.FleetState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link FleetState} that {@link FleetFold} moves forward event by event. Entries are immutable records;
 * {@link #copy()} is cheap, so a cached state can be moved forward safely.
 */
public final class FoldedFleet implements FleetState {
    private long seq;
    private Instant at;
    private final Map<String, Provider> providers;
    private final Map<String, Agent> agents;
    private Oidc oidc;
    private boolean onboardingCompleted;

    /** The serialised form of a state (snapshots). */
    public record Snapshot(long seq, Instant at, List<Provider> providers, List<Agent> agents, Oidc oidc,
                           Long installationVersion, boolean onboardingCompleted) {
    }

    private Long installationVersion;

    public FoldedFleet() {
        this(0, null, new LinkedHashMap<>(), new LinkedHashMap<>(), null, null, false);
    }

    private FoldedFleet(long seq, Instant at, Map<String, Provider> providers, Map<String, Agent> agents, Oidc oidc,
                       Long installationVersion, boolean onboardingCompleted) {
        this.seq = seq;
        this.at = at;
        this.providers = providers;
        this.agents = agents;
        this.oidc = oidc;
        this.installationVersion = installationVersion;
        this.onboardingCompleted = onboardingCompleted;
    }

    public FoldedFleet copy() {
        return new FoldedFleet(seq, at, new LinkedHashMap<>(providers), new LinkedHashMap<>(agents), oidc,
                installationVersion, onboardingCompleted);
    }

    /** A state to move forward from {@code state}, which stays as it is. */
    static FoldedFleet copyOf(FleetState state) {
        if (state instanceof FoldedFleet folded) {
            return folded.copy();
        }
        return of(new Snapshot(state.seq(), state.at(), state.providers(), state.agents(), state.oidc(),
                state.installationVersion(), state.onboardingCompleted()));
    }

    public static FoldedFleet of(Snapshot snapshot) {
        FoldedFleet state = new FoldedFleet(snapshot.seq(), snapshot.at(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                snapshot.oidc(), snapshot.installationVersion(), snapshot.onboardingCompleted());
        snapshot.providers().forEach(p -> state.providers.put(p.id(), p));
        snapshot.agents().forEach(a -> state.agents.put(a.id(), a));
        return state;
    }

    public Snapshot snapshot() {
        return new Snapshot(seq, at, List.copyOf(providers.values()), List.copyOf(agents.values()), oidc,
                installationVersion, onboardingCompleted);
    }

    @Override
    public long seq() {
        return seq;
    }

    @Override
    public Instant at() {
        return at;
    }

    void position(long seq, Instant at) {
        this.seq = seq;
        this.at = at;
    }

    @Override
    public Optional<Provider> provider(String id) {
        return Optional.ofNullable(id == null ? null : providers.get(id));
    }

    @Override
    public Optional<Agent> agent(String id) {
        return Optional.ofNullable(id == null ? null : agents.get(id));
    }

    @Override
    public Optional<Agent> agentNamed(String name) {
        return agents.values().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    @Override
    public Optional<Provider> providerNamed(String name) {
        return providers.values().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public List<Provider> providers() {
        List<Provider> list = new ArrayList<>(providers.values());
        list.sort(Comparator.comparing(Provider::name));
        return list;
    }

    @Override
    public List<Agent> agents() {
        List<Agent> list = new ArrayList<>(agents.values());
        list.sort(Comparator.comparing(Agent::name));
        return list;
    }

    @Override
    public List<Agent> agentsUsing(String providerId) {
        return agents.values().stream().filter(a -> uses(a, providerId)).toList();
    }

    private static boolean uses(Agent agent, String providerId) {
        return providerId.equals(agent.providerId())
                || agent.fallbacks().stream().anyMatch(f -> providerId.equals(f.providerId()));
    }

    @Override
    public Oidc oidc() {
        return oidc;
    }

    @Override
    public Long installationVersion() {
        return installationVersion;
    }

    @Override
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
