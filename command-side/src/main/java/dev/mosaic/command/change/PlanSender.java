package dev.mosaic.command.change;

import dev.mosaic.command.api.ModelAssignment;
import dev.mosaic.command.api.PlannedCommand;
import dev.mosaic.command.api.PlannedCommands;
import dev.mosaic.command.api.RegisterAgent;
import dev.mosaic.command.api.RegisterProvider;
import dev.mosaic.command.api.RemoveAgent;
import dev.mosaic.command.api.RemoveProvider;
import dev.mosaic.command.api.ReplaceProviderApiKey;
import dev.mosaic.command.api.UnknownEntityException;
import dev.mosaic.command.api.UpdateAgent;
import dev.mosaic.command.api.UpdateProvider;
import dev.mosaic.command.naming.NameKind;
import dev.mosaic.command.naming.NameRegistry;
import dev.mosaic.events.agent.AgentTokens;
import dev.mosaic.events.agent.ModelRef;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turns planned commands into the ordinary commands of their aggregates and sends them, names resolved to ids. */
@Component
class PlanSender implements PlannedCommands {
    private final CommandGateway commands;
    private final NameRegistry names;
    private final SecretCipher cipher;

    PlanSender(CommandGateway commands, NameRegistry names, SecretCipher cipher) {
        this.commands = commands;
        this.names = names;
        this.cipher = cipher;
    }

    @Override
    public List<Sent> send(List<PlannedCommand> plan, Map<String, ?> metaData) {
        Ids ids = new Ids();
        List<Sent> sent = new ArrayList<>();
        for (PlannedCommand planned : plan) {
            String id = planned.action().equals("register") ? UUID.randomUUID().toString()
                    : ids.of(planned.entityType(), planned.name());
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command(planned, id, ids))
                    .andMetaData(MetaData.from(metaData)));
            ids.registered(planned, id);
            sent.add(new Sent(planned, id));
        }
        return sent;
    }

    private Object command(PlannedCommand planned, String id, Ids ids) {
        if (planned instanceof PlannedCommand.RegisterProvider p) {
            return new RegisterProvider(id, p.name(), p.displayName(), p.type(), p.baseUrl(), plaintext(p.apiKey()),
                    p.apiType(), p.models());
        }
        if (planned instanceof PlannedCommand.UpdateProvider p) {
            return new UpdateProvider(id, null, p.displayName(), p.type(), p.baseUrl(), p.apiType(), p.models(),
                    Boolean.TRUE.equals(p.activate()) ? true : null);
        }
        if (planned instanceof PlannedCommand.ReplaceProviderKey p) {
            String key = plaintext(p.apiKey());
            return new ReplaceProviderApiKey(id, null, key == null ? "" : key);
        }
        if (planned instanceof PlannedCommand.DeactivateProvider) {
            return new UpdateProvider(id, null, null, null, null, null, null, false);
        }
        if (planned instanceof PlannedCommand.RemoveProvider) {
            return new RemoveProvider(id, null);
        }
        if (planned instanceof PlannedCommand.RegisterAgent a) {
            ModelAssignment model = a.model() == null ? null : new ModelAssignment(ids.provider(a.model().provider()),
                    a.model().model(), refs(a.fallbacks(), ids));
            return new RegisterAgent(id, a.name(), a.displayName(), a.role(), a.gatewayUrl(), AgentTokens.generate(),
                    model, a.personality(), a.toolPermissions(), a.canary());
        }
        if (planned instanceof PlannedCommand.UpdateAgent a) {
            boolean model = a.model() != null;
            return new UpdateAgent(id, null, a.displayName(), a.role(), a.gatewayUrl(),
                    model ? ids.provider(a.model().provider()) : null, model ? a.model().model() : null,
                    model ? refs(a.fallbacks(), ids) : null, a.personality(), a.toolPermissions(), a.active(),
                    a.canary());
        }
        if (planned instanceof PlannedCommand.DeactivateAgent) {
            return new UpdateAgent(id, null, null, null, null, null, null, null, null, null, false);
        }
        if (planned instanceof PlannedCommand.RemoveAgent) {
            return new RemoveAgent(id, null);
        }
        throw new IllegalArgumentException("unknown planned command " + planned.getClass().getSimpleName());
    }

    private static List<ModelRef> refs(List<PlannedCommand.ModelChoice> choices, Ids ids) {
        return choices == null ? List.of()
                : choices.stream().map(c -> new ModelRef(ids.provider(c.provider()), c.model())).toList();
    }

    private String plaintext(PlannedCommand.SealedKey key) {
        return key == null ? null : cipher.decrypt(key.key(), SecretOwner.providerApiKey(key.encryptedFor()));
    }

    /** Names to ids: entities the plan registered first, then those registered before it. */
    private final class Ids {
        private final Map<String, String> registered = new HashMap<>();

        String of(String entityType, String name) {
            String known = registered.get(entityType + '\0' + name);
            if (known != null) {
                return known;
            }
            NameKind kind = entityType.equals("provider") ? NameKind.PROVIDER : NameKind.AGENT;
            return names.ownerOf(kind, name).orElseThrow(() -> new UnknownEntityException(entityType, name));
        }

        String provider(String name) {
            return of("provider", name);
        }

        void registered(PlannedCommand planned, String id) {
            if (planned.action().equals("register")) {
                registered.put(planned.entityType() + '\0' + planned.name(), id);
            }
        }
    }
}
