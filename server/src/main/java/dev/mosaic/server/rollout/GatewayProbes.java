package dev.mosaic.server.rollout;

/** How the rollout verifies an agent through its own gateway (the server's probes, behind a port). */
public interface GatewayProbes {
    /** What a probe found: ok, or why not. */
    record Probe(boolean ok, String problem) {
        static Probe passed() {
            return new Probe(true, null);
        }

        static Probe failed(String problem) {
            return new Probe(false, problem);
        }
    }

    /** {@code GET <gatewayUrl>/readyz} answers 2xx. */
    Probe ready(String gatewayUrl);

    /**
     * A real one-token chat through the gateway with the agent's token answers 200 with a completion; a 429, 5xx or
     * timeout is tried again, up to 3 times, before it counts.
     */
    Probe chat(String gatewayUrl, String token);
}
