package dev.mosaic.command.provider;

import dev.mosaic.command.api.RegisterProvider;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** Registers providers; shared by the settings API and the onboarding wizard. */
@Component
public class ProviderCommands {
    private final CommandGateway commands;

    ProviderCommands(CommandGateway commands) {
        this.commands = commands;
    }

    public String register(ProviderRequest body) {
        String providerId = UUID.randomUUID().toString();
        commands.sendAndWait(new RegisterProvider(providerId, body.name(), body.displayName(), body.type(),
                body.baseUrl(), body.apiKey(), body.apiType(), body.models()));
        return providerId;
    }
}
