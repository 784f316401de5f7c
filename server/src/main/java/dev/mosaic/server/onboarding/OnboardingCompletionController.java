package dev.mosaic.server.onboarding;

import dev.mosaic.command.api.CompleteOnboarding;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.Agents;
import dev.mosaic.query.api.ProviderView;
import dev.mosaic.query.api.Providers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The wizard's last step: completes onboarding and answers with the deploy summary and a health check. */
@RestController
class OnboardingCompletionController {
    private final CommandGateway commands;
    private final Providers providers;
    private final Agents agents;
    private final GatewayHealth health;

    OnboardingCompletionController(CommandGateway commands, Providers providers, Agents agents,
                                   GatewayHealth health) {
        this.commands = commands;
        this.providers = providers;
        this.agents = agents;
        this.health = health;
    }

    record ProviderSummary(String id, String name, String type, boolean active, boolean apiKeySet, int models) {
    }

    record AgentSummary(String name, String gatewayUrl, boolean active, @Nullable String primaryModel,
                        GatewayHealth.Result gateway) {
    }

    record DeploySummary(boolean completed, List<ProviderSummary> providers, List<AgentSummary> agents) {
    }

    @PostMapping("/api/onboarding/complete")
    DeploySummary complete() {
        commands.sendAndWait(new CompleteOnboarding());
        List<ProviderSummary> providerSummaries = providers.all().stream()
                .map(OnboardingCompletionController::summary).toList();
        List<Agent> all = agents.all();
        List<GatewayHealth.Result> checks = health.check(all.stream().map(Agent::gatewayUrl).toList());
        List<AgentSummary> agentSummaries = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Agent agent = all.get(i);
            String model = agent.providerId() == null ? null : agent.primaryModel();
            agentSummaries.add(new AgentSummary(agent.name(), agent.gatewayUrl(), agent.active(), model, checks.get(i)));
        }
        return new DeploySummary(true, providerSummaries, agentSummaries);
    }

    private static ProviderSummary summary(ProviderView p) {
        return new ProviderSummary(p.id(), p.name(), p.type(), p.active(), p.apiKeySet(), p.models().size());
    }
}
