package dev.mosaic.query.rollout;

import dev.mosaic.query.api.InvalidQueryParameterException;
import dev.mosaic.query.api.Items;
import dev.mosaic.query.api.RolloutView;
import dev.mosaic.query.api.Rollouts;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Rollouts for admins and auditors: the running one live, and the past ones with their outcome. */
@RestController
class RolloutQueryController {
    private final Rollouts rollouts;

    RolloutQueryController(Rollouts rollouts) {
        this.rollouts = rollouts;
    }

    @GetMapping("/api/rollouts")
    Items<RolloutView> rollouts(@RequestParam(defaultValue = "20") int limit, @RequestParam(required = false) String cursor) {
        if (limit < 1 || limit > 200) {
            throw new InvalidQueryParameterException("limit", "must be between 1 and 200");
        }
        return rollouts.page(limit, cursor);
    }

    @GetMapping("/api/rollouts/{id}")
    RolloutView rollout(@PathVariable String id) {
        return rollouts.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no rollout " + id));
    }
}
