package dev.mosaic.server.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.command.api.AssignAgentModel;
import dev.mosaic.command.api.ModelAssignment;
import dev.mosaic.command.api.ModelInput;
import dev.mosaic.command.api.RegisterAgent;
import dev.mosaic.command.api.RegisterProvider;
import dev.mosaic.command.api.RemoveAgent;
import dev.mosaic.command.api.RemoveProvider;
import dev.mosaic.command.api.ReplaceProviderApiKey;
import dev.mosaic.command.api.RotateAgentToken;
import dev.mosaic.command.api.UpdateAgent;
import dev.mosaic.command.api.UpdateProvider;
import dev.mosaic.events.agent.AgentTokens;
import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.FleetHistory;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.api.InstallationView;
import dev.mosaic.query.api.KeptInStore;
import dev.mosaic.query.api.Provider;
import dev.mosaic.query.api.Replay;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.LogScan;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One meaning per event, checked on random histories: after random sequences of commands (those the rules
 * refuse are simply not part of the history), the live read models, a replay from the event store and the
 * history fold at the newest seq hold the same providers, agents and installation, field by field (secrets'
 * ciphertexts and the token hash included).
 */
class ReadModelsAgreePropertyTest extends IntegrationTest {
    private static final long[] SEEDS = {7, 1_234, 98_765};
    private static final int COMMANDS = 80;
    private static final List<String> TYPES = List.of("openai", "anthropic", "zai", "ollama", "custom");

    @Autowired
    CommandGateway commands;
    @Autowired
    FleetHistory history;
    @Autowired
    Replay replay;
    @Autowired
    ObjectMapper mapper;

    @Test
    void liveViewsReplayAndHistoryFoldAgreeOnRandomHistories() {
        for (long seed : SEEDS) {
            int applied = new RandomHistory(new Random(seed)).run();
            assertThat(applied).as("commands the rules accepted (seed %d)", seed).isGreaterThan(COMMANDS / 3);

            Views live = views();
            FleetState folded = history.now();
            assertThat(live.providers()).as("providers: live views vs history fold (seed %d)", seed)
                    .containsExactlyElementsOf(folded.providers());
            assertThat(live.agents()).as("agents: live views vs history fold (seed %d)", seed)
                    .containsExactlyElementsOf(folded.agents());
            assertThat(live.installation()).as("installation (seed %d)", seed).isEqualTo(folded.installation());

            replay.replayAll(count -> {
            });
            Views replayed = views();
            assertThat(replayed).as("the views a replay rebuilds (seed %d)", seed).isEqualTo(live);
        }
    }

    private record Views(List<Provider> providers, List<Agent> agents, InstallationView installation) {
    }

    /** The rows as stored: each view's JSON read back with what API answers leave out ({@link KeptInStore}). */
    private Views views() {
        ObjectMapper stored = dev.mosaic.query.common.JsonColumns.storedForm(mapper);
        List<Provider> providers = new ArrayList<>(database.queryForList("select state::text from provider_view",
                String.class).stream().map(json -> read(stored, json, Provider.class)).toList());
        providers.sort(Comparator.comparing(Provider::name));
        List<Agent> agents = new ArrayList<>(database.queryForList("select state::text from agent_view",
                String.class).stream().map(json -> read(stored, json, Agent.class)).toList());
        agents.sort(Comparator.comparing(Agent::name));
        InstallationView installation = read(stored, database.queryForObject(
                "select state::text from installation_view", String.class), InstallationView.class);
        return new Views(providers, agents, installation);
    }

    private static <T> T read(ObjectMapper mapper, String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (Exception e) {
            throw new AssertionError("unreadable view row: " + json, e);
        }
    }

    /** Sends random commands to providers and agents it creates; returns how many the rules accepted. */
    private final class RandomHistory {
        private final Random random;
        private final List<String> providers = new ArrayList<>();
        private final List<String> agents = new ArrayList<>();
        private final String run = UUID.randomUUID().toString().substring(0, 6);
        private int created;

        RandomHistory(Random random) {
            this.random = random;
        }

        int run() {
            int applied = 0;
            for (int i = 0; i < COMMANDS; i++) {
                if (send(next())) {
                    applied++;
                }
            }
            return applied;
        }

        private boolean send(Object command) {
            if (command == null) {
                return false;
            }
            try {
                commands.sendAndWait(command);
            } catch (RuntimeException refused) {
                return false;
            }
            if (command instanceof RegisterProvider p) {
                providers.add(p.providerId());
            } else if (command instanceof RegisterAgent a) {
                agents.add(a.agentId());
            } else if (command instanceof RemoveProvider p) {
                providers.remove(p.providerId());
            } else if (command instanceof RemoveAgent a) {
                agents.remove(a.agentId());
            }
            return true;
        }

        private Object next() {
            int choice = providers.isEmpty() ? 0 : agents.isEmpty() && random.nextBoolean() ? 6 : random.nextInt(14);
            return switch (choice) {
                case 0 -> registerProvider();
                case 1 -> new UpdateProvider(provider(), null, "Display " + random.nextInt(100), type(), null,
                        random.nextBoolean() ? null : "openai-responses", null, null);
                case 2 -> new UpdateProvider(provider(), null, null, null, null, null, models(), null);
                case 3 -> new ReplaceProviderApiKey(provider(), null, random.nextBoolean() ? "" : key());
                case 4 -> new UpdateProvider(provider(), null, null, null, null, null, null, random.nextBoolean());
                case 5 -> random.nextInt(4) == 0 ? new RemoveProvider(provider(), null) : null;
                case 6 -> registerAgent();
                case 7 -> agents.isEmpty() ? null : new AssignAgentModel(agent(), null, assignment());
                case 8 -> agents.isEmpty() ? null : new UpdateAgent(agent(), null, "Agent " + random.nextInt(100),
                        random.nextBoolean() ? "" : "role " + random.nextInt(5), "http://127.0.0.1:" + (18000 + random.nextInt(999)),
                        null, null, null, random.nextBoolean() ? "" : "Personality " + random.nextInt(9),
                        random.nextBoolean() ? List.of() : List.of("web", "exec"), null);
                case 9 -> agents.isEmpty() ? null : new RotateAgentToken(agent(), AgentTokens.generate());
                case 10 -> agents.isEmpty() ? null : new UpdateAgent(agent(), null, null, null, null, null, null, null,
                        null, null, random.nextBoolean());
                case 11 -> agents.isEmpty() || random.nextInt(3) > 0 ? null : new RemoveAgent(agent(), null);
                case 12 -> registerProvider();
                default -> registerAgent();
            };
        }

        private RegisterProvider registerProvider() {
            String type = type();
            return new RegisterProvider(UUID.randomUUID().toString(), "prop-" + run + "-p" + created++, "Provider",
                    type, type.equals("custom") ? "http://127.0.0.1:9/v1" : null,
                    random.nextBoolean() ? key() : null, null, models());
        }

        private RegisterAgent registerAgent() {
            return new RegisterAgent(UUID.randomUUID().toString(), "prop-" + run + "-a" + created++, "Agent", null,
                    "http://127.0.0.1:18789", AgentTokens.generate(), providers.isEmpty() || random.nextBoolean()
                    ? null : assignment(), random.nextBoolean() ? null : "Be brief.", List.of());
        }

        private ModelAssignment assignment() {
            List<ModelRef> fallbacks = random.nextBoolean() ? List.of()
                    : List.of(new ModelRef(provider(), "m" + random.nextInt(3)));
            return new ModelAssignment(provider(), "m" + random.nextInt(3), fallbacks);
        }

        private List<ModelInput> models() {
            List<ModelInput> models = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                models.add(new ModelInput("m" + i, "Model " + i, random.nextBoolean() ? 128_000 : null,
                        random.nextBoolean() ? 4096 : null));
            }
            return models;
        }

        private String key() {
            return LogScan.plant("sk-prop-" + UUID.randomUUID());
        }

        private String type() {
            return TYPES.get(random.nextInt(TYPES.size() - 1));
        }

        private String provider() {
            return providers.get(random.nextInt(providers.size()));
        }

        private String agent() {
            return agents.get(random.nextInt(agents.size()));
        }
    }
}
