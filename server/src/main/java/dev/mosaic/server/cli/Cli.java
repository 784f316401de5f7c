package dev.mosaic.server.cli;

import dev.mosaic.command.api.ChangeBreakglassPassword;
import dev.mosaic.command.api.CreateBreakglassUser;
import dev.mosaic.command.api.DeactivateBreakglassUser;
import dev.mosaic.command.api.ReactivateBreakglassUser;
import dev.mosaic.command.api.IssueApiToken;
import dev.mosaic.events.token.ApiTokens;
import dev.mosaic.events.token.Caller;
import dev.mosaic.query.api.BreakglassCredential;
import dev.mosaic.query.api.BreakglassCredentials;
import dev.mosaic.server.security.MosaicUser;
import dev.mosaic.command.api.FieldViolation;
import dev.mosaic.command.api.InvalidCommandException;
import dev.mosaic.command.api.BreakglassDirectory;
import dev.mosaic.command.api.BreakglassUsernames;
import dev.mosaic.command.api.SetupCodes;
import dev.mosaic.events.meta.Actor;
import dev.mosaic.server.crypto.MasterKeyRotation;
import dev.mosaic.server.replay.ReplayCommand;
import dev.mosaic.server.startup.StartupException;
import dev.mosaic.server.startup.StartupSettings;
import dev.mosaic.server.security.HttpRequestContext;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import dev.mosaic.command.api.SetChangePolicy;
import java.util.Optional;
import java.util.Set;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * {@code java -jar mosaic.jar setup-code | breakglass create|reset-password|deactivate|reactivate --username U
 * | token create --username U --name N --role R}.
 * Runs against the same database and issues the same commands as the API, as the actor {@code cli}.
 * Passwords come from standard input, never from the command line.
 */
public final class Cli {
    private static final String USAGE = """
            usage: java -jar mosaic.jar setup-code
                   java -jar mosaic.jar breakglass create --username NAME          (password on stdin)
                   java -jar mosaic.jar breakglass reset-password --username NAME  (password on stdin)
                   java -jar mosaic.jar breakglass deactivate|reactivate --username NAME
                   java -jar mosaic.jar token create --username NAME --name TOKEN_NAME --role ADMIN|AUDITOR
                                                     [--expires-in-days DAYS]   (prints the token once)
                   java -jar mosaic.jar rotate-master-key   (current key in MOSAIC_SECRET_KEY, new key on stdin)
                   java -jar mosaic.jar replay              (rebuild every read model from the event store)
                   java -jar mosaic.jar change-policy --approvals 0|1|2   (four-eyes; the recovery path for a lone admin)""";

    private final ConfigurableApplicationContext context;
    private final PrintStream out;
    private final PrintStream err;

    private Cli(ConfigurableApplicationContext context, PrintStream out, PrintStream err) {
        this.context = context;
        this.out = out;
        this.err = err;
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && (args[0].equals("setup-code") || args[0].equals("breakglass")
                || args[0].equals("rotate-master-key") || args[0].equals("replay") || args[0].equals("change-policy")
                || args[0].equals("token"));
    }

    /** The properties of the CLI's context: the server's settings, quiet, and no setup-code announcement. */
    public static Map<String, Object> properties(Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("mosaic.cli", true);
        properties.put("logging.level.root", "WARN");
        properties.put("spring.main.banner-mode", "off");
        return properties;
    }

    /** Runs one command in an already started context; returns the process exit code. */
    public static int execute(ConfigurableApplicationContext context, String[] args, InputStream stdin,
                              PrintStream out, PrintStream err) {
        return new Cli(context, out, err).execute(args, stdin);
    }

    private int execute(String[] args, InputStream stdin) {
        context.getBean(HttpRequestContext.class).actOutsideRequestsAs(Actor.CLI);
        try {
            if (args[0].equals("setup-code")) {
                return setupCode();
            }
            if (args[0].equals("rotate-master-key")) {
                return rotateMasterKey(stdin);
            }
            if (args[0].equals("replay")) {
                return context.getBean(ReplayCommand.class).run(out);
            }
            if (args[0].equals("change-policy")) {
                return changePolicy(option(args, "--approvals"));
            }
            if (args.length < 2) {
                err.println(USAGE);
                return 64;
            }
            if (args[0].equals("token")) {
                return args[1].equals("create") ? createToken(args) : usage();
            }
            Optional<String> username = option(args, "--username");
            if (username.isEmpty()) {
                err.println(USAGE);
                return 64;
            }
            return switch (args[1]) {
                case "create" -> create(username.get(), readPassword(stdin));
                case "reset-password" -> resetPassword(username.get(), readPassword(stdin));
                case "deactivate" -> send(username.get(), DeactivateBreakglassUser::new, "deactivated");
                case "reactivate" -> send(username.get(), ReactivateBreakglassUser::new, "reactivated");
                default -> {
                    err.println(USAGE);
                    yield 64;
                }
            };
        } catch (InvalidCommandException e) {
            for (FieldViolation v : e.violations()) {
                err.println(v.field() + ": " + v.message());
            }
            return 1;
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int usage() {
        err.println(USAGE);
        return 64;
    }

    /** Issues an API token to a breakglass user (the first token of an installation, for CI); prints it once. */
    private int createToken(String[] args) {
        Optional<String> username = option(args, "--username");
        Optional<String> name = option(args, "--name");
        Optional<String> role = option(args, "--role");
        if (username.isEmpty() || name.isEmpty() || role.isEmpty()) {
            return usage();
        }
        Integer days = null;
        Optional<String> expires = option(args, "--expires-in-days");
        if (expires.isPresent()) {
            try {
                days = Integer.parseInt(expires.get());
            } catch (NumberFormatException e) {
                err.println("expiresInDays: must be a whole number of days (1 to 365)");
                return 1;
            }
        }
        Optional<BreakglassCredential> user = context.getBean(BreakglassCredentials.class).byUsername(username.get());
        if (user.isEmpty()) {
            err.println("No breakglass user " + username.get() + ".");
            return 1;
        }
        if (!user.get().active()) {
            err.println("Breakglass user " + username.get() + " is deactivated; reactivate it first.");
            return 1;
        }
        Caller owner = new Caller(Actor.breakglassUser(user.get().userId(), username.get()).id(), username.get(),
                Set.of(MosaicUser.ADMIN), null);
        String token = ApiTokens.generate();
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        context.getBean(CommandGateway.class).sendAndWait(
                new IssueApiToken(id, name.get(), role.get(), days, now, ApiTokens.hash(token), owner));
        Instant expiresAt = now.plus(days == null ? 30 : days, ChronoUnit.DAYS);
        err.println("Issued " + role.get() + " token '" + name.get().strip() + "' (id " + id + ") for "
                + username.get() + ", valid until " + expiresAt + ". It is shown this once:");
        out.println(token);
        return 0;
    }

    /** Sets the four-eyes policy directly (no approval asked): what a lone admin, or one whose IdP is down, needs. */
    private int changePolicy(Optional<String> approvals) {
        if (approvals.isEmpty() || !approvals.get().matches("[0-9]")) {
            err.println(USAGE);
            return 64;
        }
        int required = Integer.parseInt(approvals.get());
        context.getBean(CommandGateway.class).sendAndWait(new SetChangePolicy(null, required));
        out.println(required == 0 ? "Four-eyes is off: changes are saved without approval."
                : "Changes now need " + required + " approval(s) by another admin.");
        return 0;
    }

    private int setupCode() {
        if (context.getBean(BreakglassDirectory.class).anyUser()) {
            err.println("A breakglass user exists already; use 'breakglass reset-password' to recover access.");
            return 1;
        }
        out.println("Setup code: " + context.getBean(SetupCodes.class).issue());
        return 0;
    }

    private int rotateMasterKey(InputStream stdin) {
        String current = context.getEnvironment().getProperty("mosaic.secret-key", "");
        String next = readSecret(stdin, "New MOSAIC_SECRET_KEY: ", "Repeat the new key: ");
        try {
            StartupSettings.checkKey(next);
        } catch (StartupException e) {
            err.println("the new key is unusable: " + e.getMessage().replace("MOSAIC_SECRET_KEY", "it"));
            return 1;
        }
        context.getBean(MasterKeyRotation.class).rotate(current, next);
        out.println("The encryption keyset is now wrapped with the new master key. Restart every Mosaic server with "
                + "the new MOSAIC_SECRET_KEY and keep it with your backups; the old key no longer opens this database.");
        return 0;
    }

    private int create(String username, String password) {
        context.getBean(CommandGateway.class).sendAndWait(
                new CreateBreakglassUser(UUID.randomUUID().toString(), username, password, false));
        out.println("Created breakglass user " + username + ".");
        return 0;
    }

    private int resetPassword(String username, String password) {
        Optional<String> userId = userId(username);
        if (userId.isEmpty()) {
            err.println("No breakglass user " + username + ".");
            return 1;
        }
        context.getBean(CommandGateway.class).sendAndWait(new ChangeBreakglassPassword(userId.get(), password));
        out.println("Password of " + username + " changed.");
        return 0;
    }

    private int send(String username, java.util.function.Function<String, Object> command, String done) {
        Optional<String> userId = userId(username);
        if (userId.isEmpty()) {
            err.println("No breakglass user " + username + ".");
            return 1;
        }
        context.getBean(CommandGateway.class).sendAndWait(command.apply(userId.get()));
        out.println("Breakglass user " + username + " " + done + ".");
        return 0;
    }

    private Optional<String> userId(String username) {
        return context.getBean(BreakglassUsernames.class).userIdOf(username);
    }

    private static Optional<String> option(String[] args, String name) {
        int at = Arrays.asList(args).indexOf(name);
        return at >= 0 && at + 1 < args.length ? Optional.of(args[at + 1]) : Optional.empty();
    }

    private String readPassword(InputStream stdin) {
        return readSecret(stdin, "Password: ", "Repeat password: ");
    }

    private String readSecret(InputStream stdin, String prompt, String repeat) {
        Console console = System.console();
        if (console != null && stdin == System.in) {
            char[] first = console.readPassword(prompt);
            char[] second = console.readPassword(repeat);
            if (first == null || !Arrays.equals(first, second)) {
                throw new IllegalArgumentException("the two entries differ");
            }
            return new String(first);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IllegalArgumentException("nothing on standard input");
            }
            return line;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read standard input", e);
        }
    }
}
