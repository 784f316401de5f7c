package dev.mosaic.command.onboarding;

import dev.mosaic.command.agent.AgentRequest;

import java.util.List;

record OnboardingAgentsRequest(List<AgentRequest> agents) {
}
