package dev.mosaic.command.rollout;

import dev.mosaic.command.api.FailRollout;
import dev.mosaic.command.api.PauseRollout;
import dev.mosaic.command.api.PromoteRollout;
import dev.mosaic.command.api.ResumeRollout;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An admin steers a running rollout: pause (no further wave), resume, promote (every remaining agent now, still
 * verified), abort (roll the change back now). A transition that does not apply is a 409; an unknown id a 404.
 */
@RestController
@RequestMapping("/api/rollouts/{id}")
class RolloutCommandController {
    static final String ABORTED = "aborted by an admin";
    private final CommandGateway commands;

    RolloutCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/pause")
    ResponseEntity<Void> pause(@PathVariable String id) {
        commands.sendAndWait(new PauseRollout(id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/resume")
    ResponseEntity<Void> resume(@PathVariable String id) {
        commands.sendAndWait(new ResumeRollout(id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/promote")
    ResponseEntity<Void> promote(@PathVariable String id) {
        commands.sendAndWait(new PromoteRollout(id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/abort")
    ResponseEntity<Void> abort(@PathVariable String id) {
        commands.sendAndWait(new FailRollout(id, null, ABORTED, true));
        return ResponseEntity.noContent().build();
    }
}
