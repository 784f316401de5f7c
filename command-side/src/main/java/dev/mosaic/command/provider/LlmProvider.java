package dev.mosaic.command.provider;

import dev.mosaic.command.api.UpdateProvider;
import dev.mosaic.command.api.ReplaceProviderApiKey;
import dev.mosaic.command.api.RemoveProvider;
import dev.mosaic.command.api.RegisterProvider;
import dev.mosaic.command.api.EntityInUseException;
import dev.mosaic.command.api.NameTakenException;
import dev.mosaic.command.api.Violations;
import dev.mosaic.command.lookup.ProviderUsage;
import dev.mosaic.command.naming.NameKind;
import dev.mosaic.command.naming.NameRegistry;
import dev.mosaic.events.provider.ProviderActivated;
import dev.mosaic.events.provider.ProviderApiKeyRotated;
import dev.mosaic.events.provider.ProviderDeactivated;
import dev.mosaic.events.provider.ProviderDetailsChanged;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.events.provider.ProviderModelsChanged;
import dev.mosaic.events.provider.ProviderRegistered;
import dev.mosaic.events.provider.ProviderRemoved;
import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static dev.mosaic.command.provider.ProviderRules.emptyToNull;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/** An LLM provider: its endpoint, key and models. The name is unique and never changes. */
@Aggregate
class LlmProvider {
    @AggregateIdentifier
    private String providerId;
    private String name;
    private String displayName;
    private String type;
    private String baseUrl;
    private String apiType;
    private List<ProviderModel> models;
    private boolean active;

    protected LlmProvider() {
    }

    @CommandHandler
    public LlmProvider(RegisterProvider command, NameRegistry names, SecretCipher cipher) {
        String baseUrl = emptyToNull(command.baseUrl());
        Violations v = new Violations().name("name", command.name());
        ProviderRules.checkDetails(v, command.displayName(), command.type(), baseUrl, command.apiType());
        ProviderRules.checkModels(v, command.models());
        v.headerSafeSecret("apiKey", command.apiKey());
        v.throwIfAny();
        if (!names.claim(NameKind.PROVIDER, command.name(), command.providerId())) {
            throw new NameTakenException("name", command.name());
        }
        SecretRef apiKey = emptyToNull(command.apiKey()) == null ? null
                : cipher.encrypt(command.apiKey(), SecretOwner.providerApiKey(command.providerId()));
        apply(new ProviderRegistered(command.providerId(), command.name(), command.displayName(), command.type(),
                baseUrl, command.apiType(), apiKey, ProviderRules.toModels(command.models())));
    }

    @CommandHandler
    public Long handle(UpdateProvider command, ProviderUsage usage) {
        String newDisplayName = command.displayName() != null ? command.displayName() : displayName;
        String newType = command.type() != null ? command.type() : type;
        String newBaseUrl = command.baseUrl() != null ? emptyToNull(command.baseUrl()) : baseUrl;
        String newApiType = command.apiType() != null ? emptyToNull(command.apiType()) : apiType;
        Violations v = new Violations();
        ProviderRules.checkDetails(v, newDisplayName, newType, newBaseUrl, newApiType);
        if (command.models() != null) {
            ProviderRules.checkModels(v, command.models());
        }
        v.throwIfAny();

        if (command.models() != null) {
            List<ProviderModel> newModels = ProviderRules.toModels(command.models());
            Set<String> dropped = new HashSet<>(modelIds(models));
            dropped.removeAll(modelIds(newModels));
            List<String> users = usage.agentsUsingModels(providerId, dropped);
            if (!users.isEmpty()) {
                throw new EntityInUseException("models " + dropped + " of provider '" + name + "' cannot be removed", users);
            }
            if (!newModels.equals(models)) {
                apply(new ProviderModelsChanged(providerId, newModels));
            }
        }
        if (!Objects.equals(newDisplayName, displayName) || !Objects.equals(newType, type)
                || !Objects.equals(newBaseUrl, baseUrl) || !Objects.equals(newApiType, apiType)) {
            apply(new ProviderDetailsChanged(providerId, newDisplayName, newType, newBaseUrl, newApiType));
        }
        if (Boolean.FALSE.equals(command.active()) && active) {
            refuseIfUsed(usage, "provider '" + name + "' cannot be deactivated");
            apply(new ProviderDeactivated(providerId));
        } else if (Boolean.TRUE.equals(command.active()) && !active) {
            apply(new ProviderActivated(providerId));
        }
        return getVersion();
    }

    @CommandHandler
    public Long handle(ReplaceProviderApiKey command, SecretCipher cipher) {
        new Violations().headerSafeSecret("apiKey", command.apiKey()).throwIfAny();
        String plaintext = emptyToNull(command.apiKey());
        SecretRef apiKey = plaintext == null ? null : cipher.encrypt(plaintext, SecretOwner.providerApiKey(providerId));
        apply(new ProviderApiKeyRotated(providerId, apiKey));
        return getVersion();
    }

    @CommandHandler
    public Long handle(RemoveProvider command, ProviderUsage usage, NameRegistry names) {
        refuseIfUsed(usage, "provider '" + name + "' cannot be removed");
        names.release(NameKind.PROVIDER, name);
        apply(new ProviderRemoved(providerId, name));
        return getVersion();
    }

    private void refuseIfUsed(ProviderUsage usage, String what) {
        List<String> users = usage.agentsUsing(providerId);
        if (!users.isEmpty()) {
            throw new EntityInUseException(what, users);
        }
    }

    private static Set<String> modelIds(List<ProviderModel> models) {
        Set<String> ids = new HashSet<>();
        models.forEach(m -> ids.add(m.id()));
        return ids;
    }

    @EventSourcingHandler
    void on(ProviderRegistered event) {
        providerId = event.providerId();
        name = event.name();
        displayName = event.displayName();
        type = event.type();
        baseUrl = event.baseUrl();
        apiType = event.apiType();
        models = event.models();
        active = true;
    }

    @EventSourcingHandler
    void on(ProviderDetailsChanged event) {
        displayName = event.displayName();
        type = event.type();
        baseUrl = event.baseUrl();
        apiType = event.apiType();
    }

    @EventSourcingHandler
    void on(ProviderModelsChanged event) {
        models = event.models();
    }

    @EventSourcingHandler
    void on(ProviderDeactivated event) {
        active = false;
    }

    @EventSourcingHandler
    void on(ProviderActivated event) {
        active = true;
    }

    @EventSourcingHandler
    void on(ProviderRemoved event) {
        markDeleted();
    }
}
