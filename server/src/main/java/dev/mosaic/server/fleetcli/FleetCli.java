package dev.mosaic.server.fleetcli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar mosaic.jar fleet export|plan|apply [--file F] [--prune]}: the CI client of the fleet document,
 * over HTTP ({@code MOSAIC_URL}, {@code MOSAIC_TOKEN} as a bearer token). It starts no Spring context, no web
 * server and no database: it is dispatched from {@code main} before anything else. {@code plan} exits 0 with no
 * changes, 2 with changes, 1 on an error (Terraform's {@code -detailed-exitcode}); {@code apply} sends its plan's
 * seq as {@code If-Match}.
 */
public final class FleetCli {
    static final String USAGE = """
            usage: java -jar mosaic.jar fleet export [--file F]            (YAML to standard output or F)
                   java -jar mosaic.jar fleet plan  [--file F] [--prune]   (exit 0 no changes, 2 changes, 1 error)
                   java -jar mosaic.jar fleet apply [--file F] [--prune]
            environment: MOSAIC_URL (e.g. https://mosaic.example.com), MOSAIC_TOKEN (an API token, mosaic_pat_...)
            the document is read from F, or standard input without --file; ${env:NAME} in it is replaced by the
            variable NAME of this environment (secrets stay out of the file).""";

    private final Map<String, String> env;
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    private FleetCli(Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
        this.env = env;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && args[0].equals("fleet");
    }

    public static int run(String[] args, Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
        return new FleetCli(env, stdin, out, err).run(args);
    }

    private int run(String[] args) {
        List<String> list = Arrays.asList(args);
        if (args.length < 2 || !List.of("export", "plan", "apply").contains(args[1]) || unknownOption(list)) {
            err.println(USAGE);
            return 1;
        }
        try {
            FleetClient client = FleetClient.fromEnvironment(env);
            String file = option(list, "--file");
            boolean prune = list.contains("--prune");
            return switch (args[1]) {
                case "export" -> export(client, file);
                case "plan" -> {
                    Plan plan = plan(client, file, prune);
                    yield plan == null ? 1 : plan.changes() == 0 ? 0 : 2;
                }
                default -> apply(client, file, prune);
            };
        } catch (FleetCliException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** A plan as the server answered it, for the document that was sent. */
    private record Plan(JsonNode answer, String document, int changes) {
    }

    private int export(FleetClient client, String file) {
        String yaml = client.export();
        if (file == null) {
            out.print(yaml);
        } else {
            write(Path.of(file), yaml);
            err.println("Wrote the fleet to " + file + ".");
        }
        return 0;
    }

    /** Prints the plan; null on an error (already reported). */
    private Plan plan(FleetClient client, String file, boolean prune) {
        String document = EnvSecrets.resolve(read(file), env);
        FleetClient.Answer plan = client.put(document, true, prune, null);
        if (!plan.ok()) {
            PlanPrinter.problem(plan, err);
            return null;
        }
        return new Plan(plan.json(), document, PlanPrinter.plan(plan.json(), prune, out));
    }

    private int apply(FleetClient client, String file, boolean prune) {
        Plan plan = plan(client, file, prune);
        if (plan == null) {
            return 1;
        }
        if (plan.changes() == 0) {
            return 0;
        }
        long seq = plan.answer().get("baseSeq").asLong();
        FleetClient.Answer applied = client.put(plan.document(), false, prune, seq);
        if (!applied.ok()) {
            PlanPrinter.problem(applied, err);
            return 1;
        }
        PlanPrinter.applied(applied.json(), out);
        return 0;
    }

    private String read(String file) {
        try {
            if (file == null || file.equals("-")) {
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FleetCliException("cannot read " + (file == null ? "standard input" : file) + ": " + e.getMessage());
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FleetCliException("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        if (at < 0) {
            return null;
        }
        if (at + 1 >= args.size()) {
            throw new FleetCliException(name + " needs a value");
        }
        return args.get(at + 1);
    }

    private static boolean unknownOption(List<String> args) {
        for (int i = 2; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--file")) {
                i++;
            } else if (!arg.equals("--prune") || args.get(1).equals("export")) {
                return true;
            }
        }
        return false;
    }
}
