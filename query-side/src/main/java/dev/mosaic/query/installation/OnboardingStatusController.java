package dev.mosaic.query.installation;

import dev.mosaic.query.api.Agents;
import dev.mosaic.query.api.BreakglassCredentials;
import dev.mosaic.query.api.InstallationView;
import dev.mosaic.query.api.Providers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OnboardingStatusController {
    private final InstallationProjection installation;
    private final BreakglassCredentials breakglass;
    private final Providers providers;
    private final Agents agents;

    OnboardingStatusController(InstallationProjection installation, BreakglassCredentials breakglass,
                               Providers providers, Agents agents) {
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
