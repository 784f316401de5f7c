package dev.mosaic.query.installation;

import dev.mosaic.events.installation.InstallationEvent;
import dev.mosaic.query.api.CurrentInstallation;
import dev.mosaic.query.api.InstallationView;
import dev.mosaic.query.common.JsonColumns;
import dev.mosaic.query.fleet.InstallationReducer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The single row of {@code installation_view}: the installation as {@link InstallationReducer} leaves it. */
@Component
@ProcessingGroup("installation-view")
public class InstallationProjection implements CurrentInstallation {
    private final JdbcClient jdbc;
    private final JsonColumns json;

    InstallationProjection(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(InstallationEvent event, @SequenceNumber long version) {
        write(InstallationReducer.apply(current(), event, version));
    }

    private void write(InstallationView installation) {
        jdbc.sql("update installation_view set state = ?::jsonb where id = 1").param(json.write(installation)).update();
    }

    @ResetHandler
    void reset() {
        write(InstallationView.INITIAL);
    }

    @Override
    public InstallationView current() {
        return json.read(jdbc.sql("select state from installation_view where id = 1").query(String.class).single(),
                InstallationView.class);
    }
}
