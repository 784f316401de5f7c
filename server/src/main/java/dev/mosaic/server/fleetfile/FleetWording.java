package dev.mosaic.server.fleetfile;

import dev.mosaic.command.api.PlannedCommand;
import dev.mosaic.query.api.Agent;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.api.Provider;
import dev.mosaic.server.change.ChangePlanner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** How the fleet answer words each planned command: what it does and which fields it changes (secrets: "changed"). */
record FleetWording(FleetState now) {

    String summary(PlannedCommand command) {
        String name = command.name();
        if (command instanceof PlannedCommand.RegisterProvider p) {
            return "create provider " + name + " (" + p.models().size() + " models"
                    + (p.apiKey() == null ? ", no API key" : ", API key set") + ")";
        }
        if (command instanceof PlannedCommand.UpdateProvider u) {
            Provider current = now.providerNamed(name).orElse(null);
            if (u.displayName() == null && current != null) {
                return "remove models " + ChangePlanner.droppedModels(current.models(), u.models().stream()
                        .map(m -> new dev.mosaic.events.provider.ProviderModel(m.id(), m.name(), m.contextWindow(),
                                m.maxTokens())).toList()) + " of provider " + name;
            }
            List<String> fields = new ArrayList<>();
            if (current != null) {
                field(fields, "displayName", u.displayName(), current.displayName());
                field(fields, "type", u.type(), current.type());
                field(fields, "baseUrl", empty(u.baseUrl()), current.baseUrl());
                field(fields, "apiType", empty(u.apiType()), current.apiType());
            }
            if (current != null && u.models() != null && !sameModels(u, current)) {
                fields.add("models");
            }
            if (Boolean.TRUE.equals(u.activate())) {
                fields.add("active");
            }
            return "update provider " + name + (fields.isEmpty() ? "" : ": " + String.join(", ", fields));
        }
        if (command instanceof PlannedCommand.ReplaceProviderKey k) {
            return (k.apiKey() == null ? "clear the API key of provider " : "API key of provider ") + name
                    + (k.apiKey() == null ? "" : " changed");
        }
        if (command instanceof PlannedCommand.DeactivateProvider) {
            return "deactivate provider " + name;
        }
        if (command instanceof PlannedCommand.RemoveProvider) {
            return "remove provider " + name;
        }
        if (command instanceof PlannedCommand.RegisterAgent a) {
            return "create agent " + name + (a.model() == null ? "" : " on " + a.model().provider() + "/"
                    + a.model().model()) + " (its token is in this answer once)";
        }
        if (command instanceof PlannedCommand.UpdateAgent u) {
            Agent current = now.agentNamed(name).orElse(null);
            List<String> fields = new ArrayList<>();
            if (current != null) {
                field(fields, "displayName", u.displayName(), current.displayName());
                field(fields, "role", empty(u.role()), current.role());
                field(fields, "gatewayUrl", u.gatewayUrl(), current.gatewayUrl());
                if (u.model() != null) {
                    fields.add("model");
                }
                field(fields, "personality", empty(u.personality()), current.personality());
                field(fields, "toolPermissions", u.toolPermissions(), current.toolPermissions());
                field(fields, "active", u.active(), current.active());
                field(fields, "canary", u.canary(), current.canary());
            }
            return "update agent " + name + (fields.isEmpty() ? "" : ": " + String.join(", ", fields));
        }
        if (command instanceof PlannedCommand.DeactivateAgent) {
            return "deactivate agent " + name;
        }
        return "remove agent " + name;
    }

    private static boolean sameModels(PlannedCommand.UpdateProvider u, Provider current) {
        return u.models().stream().map(m -> new dev.mosaic.events.provider.ProviderModel(m.id(), m.name(),
                m.contextWindow(), m.maxTokens())).toList().equals(current.models());
    }

    private static void field(List<String> fields, String name, Object wanted, Object current) {
        if (wanted != null && !Objects.equals(wanted, current)) {
            fields.add(name);
        }
    }

    private static String empty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
