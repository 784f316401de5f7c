package dev.mosaic.query.installation;

import dev.mosaic.query.api.InstallationView;
import dev.mosaic.query.api.RolloutPolicy;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The rollout policy for admins and auditors; its ETag is the installation's version (If-Match on the PUT). */
@RestController
class RolloutPolicyQueryController {
    private final InstallationProjection installation;

    RolloutPolicyQueryController(InstallationProjection installation) {
        this.installation = installation;
    }

    @GetMapping("/api/settings/rollout")
    ResponseEntity<RolloutPolicy> rolloutPolicy() {
        InstallationView view = installation.current();
        var response = ResponseEntity.ok();
        if (view.version() != null) {
            response.eTag("\"" + view.version() + "\"");
        }
        return response.body(view.policy());
    }
}
