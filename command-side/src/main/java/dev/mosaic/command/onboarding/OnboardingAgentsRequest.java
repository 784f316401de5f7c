package dev.mosaic.command.onboarding;

import dev.mosaic.command.agent.AgentRequest;

import java.util.List;

public record OnboardingAgentsRequest(List<AgentRequest> agents) {
}
