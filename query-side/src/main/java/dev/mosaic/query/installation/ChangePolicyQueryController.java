package dev.mosaic.query.installation;

import dev.mosaic.query.api.InstallationView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The four-eyes policy for admins and auditors; its ETag is the installation's version (If-Match on the PUT). */
@RestController
class ChangePolicyQueryController {
    private final InstallationProjection installation;

    ChangePolicyQueryController(InstallationProjection installation) {
        this.installation = installation;
    }

    record ChangePolicy(int approvalsRequired) {
    }

    @GetMapping("/api/settings/change-policy")
    ResponseEntity<ChangePolicy> changePolicy() {
        InstallationView view = installation.current();
        var response = ResponseEntity.ok();
        if (view.version() != null) {
            response.eTag("\"" + view.version() + "\"");
        }
        return response.body(new ChangePolicy(view.approvalsRequired()));
    }
}
