package dev.mosaic.server.revert;

import dev.mosaic.command.api.PlannedCommand;
import dev.mosaic.events.provider.ProviderModel;
import dev.mosaic.query.api.FleetState;
import dev.mosaic.query.api.Provider;
import dev.mosaic.server.change.ChangePlanner;

import java.util.List;

/** How a revert's answer words each planned command. */
record RevertWording(long seq, FleetState now) {

    String summary(PlannedCommand command) {
        String name = command.name();
        if (command instanceof PlannedCommand.RegisterProvider) {
            return "register provider " + name + " again (removed since #" + seq + ")";
        }
        if (command instanceof PlannedCommand.UpdateProvider u) {
            if (u.displayName() == null) {
                List<ProviderModel> wanted = u.models().stream()
                        .map(m -> new ProviderModel(m.id(), m.name(), m.contextWindow(), m.maxTokens())).toList();
                List<ProviderModel> current = now.providerNamed(name).map(Provider::models).orElse(List.of());
                return "remove models " + ChangePlanner.droppedModels(current, wanted) + " of provider " + name;
            }
            return "restore provider " + name + (Boolean.TRUE.equals(u.activate()) ? " and activate it" : "");
        }
        if (command instanceof PlannedCommand.ReplaceProviderKey) {
            return "restore the API key provider " + name + " had at #" + seq;
        }
        if (command instanceof PlannedCommand.DeactivateProvider) {
            return "deactivate provider " + name;
        }
        if (command instanceof PlannedCommand.RemoveProvider) {
            return "remove provider " + name + " (created after #" + seq + ")";
        }
        if (command instanceof PlannedCommand.RegisterAgent) {
            return "register agent " + name + " again (removed since #" + seq + ") with a new token: rotate it to "
                    + "connect the agent";
        }
        if (command instanceof PlannedCommand.UpdateAgent) {
            return "restore agent " + name;
        }
        if (command instanceof PlannedCommand.DeactivateAgent) {
            return "deactivate agent " + name;
        }
        return "remove agent " + name + " (created after #" + seq + ")";
    }

}
