package dev.mosaic.server.change;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.command.api.ModelInput;
import dev.mosaic.command.api.PlannedCommand;
import dev.mosaic.command.api.PlannedCommand.ModelChoice;
import dev.mosaic.command.api.PlannedCommand.SealedKey;
import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.api.InstallationView;
import dev.mosaic.query.api.Provider;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The planner alone, no Spring: desired fleets against today's, by name. */
class ChangePlannerTest {
    /** A "ciphertext" that is the plaintext plus a nonce, so the same key can have two different ciphertexts. */
    private static final SecretCipher CIPHER = new SecretCipher() {
        @Override
        public SecretRef encrypt(String plaintext, SecretOwner owner) {
            return key(plaintext, "n");
        }

        @Override
        public String decrypt(SecretRef secret, SecretOwner owner) {
            String text = secret.ciphertext().substring(SecretRef.PREFIX.length());
            return text.substring(0, text.lastIndexOf('#'));
        }
    };
    private static final ChangePlanner PLANNER = new ChangePlanner(CIPHER);
    private static final List<ProviderModel> M1_M2 = List.of(new ProviderModel("m1", "M1", null, null),
            new ProviderModel("m2", "M2", 8000, 1000));

    @Test
    void theSameFleetNeedsNoCommandEvenWhenAKeyWasEncryptedAgain() {
        Provider openai = provider("p1", "openai", key("sk-1", "a"));
        Agent support = agent("a1", "support", "p1", "m1");
        Fleet now = new Fleet(List.of(openai), List.of(support));

        DesiredFleet same = new DesiredFleet(List.of(provider("p1", "openai", key("sk-1", "b"))), List.of(support));

        assertThat(PLANNER.plan(same, now)).isEmpty();
    }

    @Test
    void missingEntitiesAreRegisteredByNameAndAgentsNameTheirProviders() {
        Provider zai = new Provider("old-id", "zai", "Z", "zai", null, null, key("sk-z", "a"), M1_M2, false, 4);
        Agent writer = agent("a9", "writer", "old-id", "m2").withModel("old-id", "m2", List.of(new ModelRef("p1", "m1")));
        Fleet now = new Fleet(List.of(provider("p1", "openai", null)), List.of());

        List<PlannedCommand> plan = PLANNER.plan(new DesiredFleet(List.of(provider("p1", "openai", null), zai),
                List.of(writer)), now);

        assertThat(plan).containsExactly(
                new PlannedCommand.RegisterProvider("zai", "Z", "zai", null, null, inputs(M1_M2),
                        new SealedKey(key("sk-z", "a"), "old-id")),
                new PlannedCommand.RegisterAgent("writer", "Writer", null, "http://writer:18789",
                        new ModelChoice("zai", "m2"), List.of(new ModelChoice("openai", "m1")), null, List.of(), false),
                new PlannedCommand.DeactivateProvider("zai"));
    }

    @Test
    void providersGainModelsBeforeAgentsMoveAndLoseThemAfter() {
        Provider now1 = new Provider("p1", "openai", "OpenAI", "openai", null, null, null,
                List.of(new ProviderModel("m3", "M3", null, null)), true, 3);
        Agent onM3 = agent("a1", "support", "p1", "m3");
        Fleet now = new Fleet(List.of(now1), List.of(onM3));
        Provider wanted = now1.withModels(M1_M2);

        List<PlannedCommand> plan = PLANNER.plan(new DesiredFleet(List.of(wanted),
                List.of(onM3.withModel("p1", "m1", List.of()))), now);

        List<ModelInput> union = inputs(List.of(M1_M2.get(0), M1_M2.get(1), new ProviderModel("m3", "M3", null, null)));
        assertThat(plan).containsExactly(
                new PlannedCommand.UpdateProvider("openai", "OpenAI", "openai", "", "", union, null),
                new PlannedCommand.UpdateAgent("support", "Support", "", "http://support:18789",
                        new ModelChoice("openai", "m1"), List.of(), "", List.of(), true, false),
                new PlannedCommand.UpdateProvider("openai", null, null, null, null, inputs(M1_M2), null));
        assertThat(ChangePlanner.droppedModels(now1.models(), M1_M2)).containsExactly("m3");
    }

    @Test
    void whatTheDesiredFleetLacksIsRemovedAgentsBeforeProviders() {
        Fleet now = new Fleet(List.of(provider("p1", "openai", null), provider("p2", "spare", null)),
                List.of(agent("a1", "support", "p1", "m1"), agent("a2", "extra", "p2", "m1")));

        List<PlannedCommand> plan = PLANNER.plan(new DesiredFleet(List.of(provider("p1", "openai", null)),
                List.of(agent("a1", "support", "p1", "m1"))), now);

        assertThat(plan).containsExactly(new PlannedCommand.RemoveAgent("extra"),
                new PlannedCommand.RemoveProvider("spare"));
    }

    @Test
    void aDifferentKeyIsReplacedAndNoKeyIsAKeyRemoved() {
        Fleet now = new Fleet(List.of(provider("p1", "openai", key("sk-now", "a"))), List.of());
        assertThat(PLANNER.plan(new DesiredFleet(List.of(provider("p1", "openai", key("sk-then", "c"))), List.of()), now))
                .containsExactly(new PlannedCommand.ReplaceProviderKey("openai", new SealedKey(key("sk-then", "c"), "p1")));
        assertThat(PLANNER.plan(new DesiredFleet(List.of(provider("p1", "openai", null)), List.of()), now))
                .containsExactly(new PlannedCommand.ReplaceProviderKey("openai", null));
    }

    @Test
    void anAgentWithoutAModelInTheDesiredFleetKeepsTheOneItHas() {
        Fleet now = new Fleet(List.of(provider("p1", "openai", null)), List.of(agent("a1", "support", "p1", "m1")));
        Agent noModel = agent("a1", "support", null, null).withPersonality("Calm.");

        assertThat(PLANNER.plan(new DesiredFleet(now.providers(), List.of(noModel)), now)).containsExactly(
                new PlannedCommand.UpdateAgent("support", "Support", "", "http://support:18789", null, null, "Calm.",
                        List.of(), true, false));
    }

    @Test
    void theCanaryFlagIsPartOfTheDesiredState() {
        Fleet now = new Fleet(List.of(provider("p1", "openai", null)), List.of(agent("a1", "support", "p1", "m1")));
        assertThat(PLANNER.plan(new DesiredFleet(now.providers(), List.of(agent("a1", "support", "p1", "m1")
                .withCanary(true))), now)).containsExactly(new PlannedCommand.UpdateAgent("support", "Support", "",
                "http://support:18789", null, null, "", List.of(), true, true));
    }

    @Test
    void aPlanIsAValueThatSurvivesJson() throws Exception {
        Fleet now = new Fleet(List.of(provider("p1", "openai", key("sk-now", "a"))),
                List.of(agent("a1", "support", "p1", "m1"), agent("a2", "extra", "p1", "m2")));
        List<PlannedCommand> plan = PLANNER.plan(new DesiredFleet(List.of(provider("p1", "openai", key("sk-2", "b")),
                new Provider("p2", "zai", "Z", "zai", null, null, key("sk-z", "c"), M1_M2, false, 1)),
                List.of(agent("a1", "support", "p2", "m2"), agent("a3", "new", "p2", "m1"))), now);
        assertThat(plan).hasSize(6);

        ObjectMapper json = new ObjectMapper();
        TypeReference<List<PlannedCommand>> plans = new TypeReference<>() {
        };
        String stored = json.writerFor(plans).writeValueAsString(plan);
        assertThat(stored).contains("\"command\":\"RegisterProvider\"").contains("\"encryptedFor\":\"p2\"");
        assertThat(json.readValue(stored, plans)).isEqualTo(plan);
    }

    private static SecretRef key(String plaintext, String nonce) {
        return new SecretRef(SecretRef.PREFIX + plaintext + "#" + nonce);
    }

    private static Provider provider(String id, String name, SecretRef key) {
        return new Provider(id, name, name.toUpperCase(), "openai", null, null, key, M1_M2, true, 1);
    }

    private static Agent agent(String id, String name, String providerId, String model) {
        return new Agent(id, name, name.substring(0, 1).toUpperCase() + name.substring(1), null,
                "http://" + name + ":18789", providerId, model, List.of(), null, List.of(), false, true, 1,
                key("mag_" + name, "t"), "hash-" + name);
    }

    private static List<ModelInput> inputs(List<ProviderModel> models) {
        return models.stream().map(m -> new ModelInput(m.id(), m.name(), m.contextWindow(), m.maxTokens())).toList();
    }

    /** Today's fleet, as the planner reads it. */
    private record Fleet(List<Provider> providerList, List<Agent> agentList) implements FleetState {
        public long seq() {
            return 1;
        }

        public Instant at() {
            return Instant.EPOCH;
        }

        public Optional<Provider> provider(String id) {
            return providerList.stream().filter(p -> p.id().equals(id)).findFirst();
        }

        public Optional<Agent> agent(String id) {
            return agentList.stream().filter(a -> a.id().equals(id)).findFirst();
        }

        public Optional<Agent> agentNamed(String name) {
            return agentList.stream().filter(a -> a.name().equals(name)).findFirst();
        }

        public Optional<Provider> providerNamed(String name) {
            return providerList.stream().filter(p -> p.name().equals(name)).findFirst();
        }

        public List<Provider> providers() {
            return providerList.stream().sorted(Comparator.comparing(Provider::name)).toList();
        }

        public List<Agent> agents() {
            return agentList.stream().sorted(Comparator.comparing(Agent::name)).toList();
        }

        public List<Agent> agentsUsing(String providerId) {
            return agentList.stream().filter(a -> a.uses(providerId)).toList();
        }

        public InstallationView installation() {
            return InstallationView.INITIAL;
        }
    }
}
