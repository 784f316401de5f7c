package dev.mosaic.query.fleet;

import dev.mosaic.events.agent.AgentActivated;
import dev.mosaic.events.agent.AgentDeactivated;
import dev.mosaic.events.agent.AgentModelAssigned;
import dev.mosaic.events.agent.AgentPersonalityChanged;
import dev.mosaic.events.agent.AgentProfileChanged;
import dev.mosaic.events.agent.AgentRegistered;
import dev.mosaic.events.agent.AgentRemoved;
import dev.mosaic.events.agent.AgentTokenRotated;
import dev.mosaic.events.agent.AgentToolPermissionsChanged;
import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.query.api.Agent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.mosaic.query.testing.VisibleCipher.sealed;
import static org.assertj.core.api.Assertions.assertThat;

class AgentReducerTest {
    private static final Agent SUPPORT = AgentReducer.apply(null, new AgentRegistered("a1", "support", "Support",
            "helps", "http://support:18789", "hash-1", sealed("mag_1")), 0);

    @Test
    void registeredAgentIsActiveWithoutAModel() {
        assertThat(SUPPORT).isEqualTo(new Agent("a1", "support", "Support", "helps", "http://support:18789", null,
                null, List.of(), null, List.of(), false, true, 0, sealed("mag_1"), "hash-1"));
    }

    @Test
    void modelAssignedReplacesProviderPrimaryAndFallbacks() {
        Agent agent = AgentReducer.apply(SUPPORT, new AgentModelAssigned("a1", "p1", "gpt-4o",
                List.of(new ModelRef("p2", "glm-5"))), 1);
        assertThat(agent).isEqualTo(SUPPORT.withModel("p1", "gpt-4o", List.of(new ModelRef("p2", "glm-5")))
                .withVersion(1));
        assertThat(agent.uses("p2")).isTrue();
        assertThat(agent.providerIds()).containsExactly("p1", "p2");

        Agent without = AgentReducer.apply(agent, new AgentModelAssigned("a1", "p1", "gpt-4o", null), 2);
        assertThat(without.fallbacks()).isEmpty();
        assertThat(without.uses("p2")).isFalse();
    }

    @Test
    void eachChangeTouchesOnlyItsFieldsAndTheVersion() {
        Agent profile = AgentReducer.apply(SUPPORT, new AgentProfileChanged("a1", "Help desk", null, "http://h:1"), 1);
        assertThat(profile).isEqualTo(new Agent("a1", "support", "Help desk", null, "http://h:1", null, null,
                List.of(), null, List.of(), false, true, 1, sealed("mag_1"), "hash-1"));
        assertThat(AgentReducer.apply(profile, new AgentPersonalityChanged("a1", "Be kind."), 2))
                .isEqualTo(profile.withPersonality("Be kind.").withVersion(2));
        assertThat(AgentReducer.apply(profile, new AgentToolPermissionsChanged("a1", List.of("web")), 3))
                .isEqualTo(profile.withToolPermissions(List.of("web")).withVersion(3));
        assertThat(AgentReducer.apply(profile, new AgentTokenRotated("a1", "hash-2", sealed("mag_2")), 4))
                .isEqualTo(profile.withToken(sealed("mag_2"), "hash-2").withVersion(4));
    }

    @Test
    void deactivationAndActivationFlipActiveOnly() {
        Agent off = AgentReducer.apply(SUPPORT, new AgentDeactivated("a1"), 1);
        assertThat(off.active()).isFalse();
        assertThat(AgentReducer.apply(off, new AgentActivated("a1"), 2)).isEqualTo(SUPPORT.withVersion(2));
    }

    @Test
    void removedAgentIsGoneAndEventsForAnUnknownAgentChangeNothing() {
        assertThat(AgentReducer.apply(SUPPORT, new AgentRemoved("a1", "support"), 1)).isNull();
        assertThat(AgentReducer.apply(null, new AgentDeactivated("a1"), 1)).isNull();
    }
}
