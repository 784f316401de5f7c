package dev.mosaic.query.fleet;

import dev.mosaic.events.agent.AgentEvent;
import dev.mosaic.events.installation.InstallationEvent;
import dev.mosaic.events.provider.ProviderEvent;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.api.InstallationView;
import dev.mosaic.query.api.Provider;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet's configuration folded from events with the reducers ({@link ProviderReducer}, {@link AgentReducer},
 * {@link InstallationReducer}): what history, replay and previews read. Its entries are immutable records, so
 * {@link #copy()} is cheap and a cached fleet can be moved forward safely. Events that are not configuration
 * (sign-ins, breakglass credentials) leave it as it is.
 */
public final class Fleet implements FleetState {
    private long seq;
    private Instant at;
    private final Map<String, Provider> providers;
    private final Map<String, Agent> agents;
    private InstallationView installation;

    /** The serialised form of a fleet (history snapshots). */
    public record Snapshot(long seq, Instant at, List<Provider> providers, List<Agent> agents,
                           InstallationView installation) {
    }

    public Fleet() {
        this(0, null, new LinkedHashMap<>(), new LinkedHashMap<>(), InstallationView.INITIAL);
    }

    private Fleet(long seq, Instant at, Map<String, Provider> providers, Map<String, Agent> agents,
                  InstallationView installation) {
        this.seq = seq;
        this.at = at;
        this.providers = providers;
        this.agents = agents;
        this.installation = installation;
    }

    /** Moves the fleet past one event ({@code version}: its sequence number in its aggregate). */
    public void apply(Object event, long version) {
        if (event instanceof ProviderEvent e) {
            put(providers, e.providerId(), ProviderReducer.apply(providers.get(e.providerId()), e, version));
        } else if (event instanceof AgentEvent e) {
            put(agents, e.agentId(), AgentReducer.apply(agents.get(e.agentId()), e, version));
        } else if (event instanceof InstallationEvent e) {
            installation = InstallationReducer.apply(installation, e, version);
        }
    }

    private static <T> void put(Map<String, T> entries, String id, T entry) {
        if (entry == null) {
            entries.remove(id);
        } else {
            entries.put(id, entry);
        }
    }

    /** Where the fleet stands: right after the event at {@code seq}, stored at {@code at}. */
    public void position(long seq, Instant at) {
        this.seq = seq;
        this.at = at;
    }

    public Fleet copy() {
        return new Fleet(seq, at, new LinkedHashMap<>(providers), new LinkedHashMap<>(agents), installation);
    }

    /** A fleet to move forward from {@code state}, which stays as it is. */
    public static Fleet copyOf(FleetState state) {
        if (state instanceof Fleet fleet) {
            return fleet.copy();
        }
        return of(new Snapshot(state.seq(), state.at(), state.providers(), state.agents(), state.installation()));
    }

    public static Fleet of(Snapshot snapshot) {
        Fleet fleet = new Fleet(snapshot.seq(), snapshot.at(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                snapshot.installation() == null ? InstallationView.INITIAL : snapshot.installation());
        snapshot.providers().forEach(p -> fleet.providers.put(p.id(), p));
        snapshot.agents().forEach(a -> fleet.agents.put(a.id(), a));
        return fleet;
    }

    public Snapshot snapshot() {
        return new Snapshot(seq, at, List.copyOf(providers.values()), List.copyOf(agents.values()), installation);
    }

    @Override
    public long seq() {
        return seq;
    }

    @Override
    public Instant at() {
        return at;
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
        return agents.values().stream().filter(a -> a.uses(providerId)).toList();
    }

    @Override
    public InstallationView installation() {
        return installation;
    }
}
