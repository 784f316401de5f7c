package dev.mosaic.command.signin;

import dev.mosaic.command.api.RecordSignIn;
import dev.mosaic.events.signin.SignInFailed;
import dev.mosaic.events.signin.SignInSucceeded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Sign-ins belong to no aggregate: the event is published in the command's unit of work, so it is stored with
 * the command's actor, address and correlation id, in the same transaction as the projections it feeds.
 */
@Component
class SignInRecorder {
    private static final int MAX_NAME = 255;
    private final EventBus events;

    SignInRecorder(EventBus events) {
        this.events = events;
    }

    @CommandHandler
    void handle(RecordSignIn command) {
        String username = command.username() == null || command.username().isBlank() ? "(none)"
                : command.username().length() > MAX_NAME ? command.username().substring(0, MAX_NAME) : command.username();
        Object event = command.failureReason() == null
                ? new SignInSucceeded(username, command.method(), command.userId(),
                command.roles() == null ? List.of() : List.copyOf(command.roles()))
                : new SignInFailed(username, command.method(), command.failureReason());
        events.publish(GenericEventMessage.asEventMessage(event));
    }
}
