package dev.mosaic.query.installation;

import dev.mosaic.query.agent.AgentsProjection;
import dev.mosaic.query.breakglass.BreakglassCredentialsProjection;
import dev.mosaic.query.provider.ProvidersProjection;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OnboardingStatusController {
    private final InstallationProjection installation;
    private final BreakglassCredentialsProjection breakglass;
    private final ProvidersProjection providers;
    private final AgentsProjection agents;

    OnboardingStatusController(InstallationProjection installation, BreakglassCredentialsProjection breakglass,
                               ProvidersProjection providers, AgentsProjection agents) {
        this.installation = installation;
        this.breakglass = breakglass;
        this.providers = providers;
        this.agents = agents;
    }

    @GetMapping("/api/onboarding/status")
    OnboardingStatus status() {
        InstallationView view = installation.current();
        return new OnboardingStatus(view.onboardingCompleted(), breakglass.any(), view.oidc() != null,
                providers.count(), agents.count());
    }
}
