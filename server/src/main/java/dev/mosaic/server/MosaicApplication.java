package dev.mosaic.server;

import dev.mosaic.server.cli.Cli;
import dev.mosaic.server.fleetcli.FleetCli;
import dev.mosaic.server.startup.StartupException;
import dev.mosaic.server.startup.StartupSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.Map;

@SpringBootApplication(scanBasePackages = "dev.mosaic")
public class MosaicApplication {

    public static void main(String[] args) {
        if (FleetCli.isCommand(args)) {
            // the CI client talks HTTP to a running Mosaic: no settings, no database, no Spring context
            System.exit(FleetCli.run(args, System.getenv(), System.in, System.out, System.err));
        }
        try {
            Map<String, Object> settings = StartupSettings.resolve(System.getenv(), Path.of("data"));
            if (Cli.isCommand(args)) {
                System.exit(runCli(args, settings));
            }
            SpringApplication app = new SpringApplication(MosaicApplication.class);
            app.setDefaultProperties(settings);
            app.run(args);
        } catch (RuntimeException e) {
            StartupException cause = startupCause(e);
            if (cause == null) {
                throw e;
            }
            System.err.println("Mosaic cannot start: " + cause.getMessage());
            System.exit(2);
        }
    }

    /** A recovery command runs in a context without a web server; it exits once the command is done. */
    public static int runCli(String[] args, Map<String, Object> settings) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MosaicApplication.class)
                .web(WebApplicationType.NONE).properties(Cli.properties(settings)).run()) {
            return Cli.execute(context, args, System.in, System.out, System.err);
        }
    }

    /** A {@link StartupException} anywhere in the chain means a configuration problem, reported in one line. */
    public static StartupException startupCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StartupException startup) {
                return startup;
            }
        }
        return null;
    }
}
