package dev.mosaic.server.fleetcli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;

/**
 * A plan as people read it: {@code +} create, {@code ~} update, {@code -} remove; per agent whether its config
 * version moves and which parts of its config change; secrets only as "changed".
 */
final class PlanPrinter {
    private PlanPrinter() {
    }

    /** Prints the plan; answers how many commands it has. */
    static int plan(JsonNode plan, boolean prune, PrintStream out) {
        JsonNode commands = plan.get("commands");
        out.println("Plan against Mosaic at seq " + plan.get("baseSeq").asLong() + (prune ? " (with --prune)" : "") + ":");
        if (commands.isEmpty()) {
            out.println("  No changes: the fleet already matches the document.");
        }
        for (JsonNode c : commands) {
            out.println("  " + symbol(c.get("action").asText()) + " " + c.get("summary").asText());
        }
        JsonNode agents = plan.get("agents");
        if (agents != null && !agents.isEmpty()) {
            out.println("Agent configs:");
            for (JsonNode a : agents) {
                boolean moves = a.get("versionWouldMove").asBoolean();
                String current = a.get("currentVersion").isNull() ? "none yet" : "v" + a.get("currentVersion").asLong();
                out.println("  " + a.get("name").asText() + ": " + (moves ? "config version moves (from " + current
                        + "; the agent reloads)" : "config version stays (" + current + ")"));
                for (JsonNode change : a.get("changes")) {
                    String path = change.get("path").asText();
                    String op = change.get("op").asText();
                    boolean secret = path.endsWith("/apiKey") || path.endsWith("/token");
                    out.println("      " + symbol(op) + " " + path + (secret ? " (secret " + (op.equals("changed")
                            ? "changed" : op) + ")" : value(change)));
                }
            }
        }
        JsonNode unmanaged = plan.get("unmanaged");
        if (unmanaged != null && !unmanaged.isEmpty()) {
            out.println("Not in the document, left as they are (--prune would remove them):");
            unmanaged.forEach(u -> out.println("  " + u.get("entityType").asText() + " " + u.get("entityId").asText()));
        }
        out.println(commands.isEmpty() ? "No changes." : commands.size() + " change" + (commands.size() == 1 ? "" : "s")
                + " planned.");
        return commands.size();
    }

    static void applied(JsonNode answer, PrintStream out) {
        out.println("Applied: " + answer.get("commands").size() + " changes, Mosaic is now at seq "
                + answer.get("seq").asLong() + ".");
        JsonNode tokens = answer.get("tokens");
        if (tokens != null && !tokens.isEmpty()) {
            out.println("Tokens of the created agents (shown only now; put each into its agent's MOSAIC_AGENT_TOKEN):");
            tokens.forEach(t -> out.println("  " + t.get("name").asText() + ": " + t.get("token").asText()));
        }
    }

    static void problem(FleetClient.Answer answer, PrintStream err) {
        err.println("error: Mosaic answered " + answer.status() + ": " + FleetClient.detail(answer));
        JsonNode errors = answer.json() == null ? null : answer.json().get("errors");
        if (errors != null) {
            errors.forEach(e -> err.println("  " + e.get("field").asText() + ": " + e.get("message").asText()));
        }
        if (answer.json() != null && answer.json().hasNonNull("entityId")) {
            err.println("  changed since the plan: " + answer.json().get("entityType").asText() + " "
                    + answer.json().get("entityId").asText());
        }
    }

    private static String symbol(String action) {
        return switch (action) {
            case "register", "added" -> "+";
            case "remove", "removed" -> "-";
            default -> "~";
        };
    }

    private static String value(JsonNode change) {
        JsonNode to = change.get("to");
        if (to == null || to.isNull() || to.isContainerNode()) {
            return "";
        }
        String text = to.asText();
        return " → " + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
    }
}
