package dev.mosaic.server.cli;

import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.MosaicProcess;
import dev.mosaic.server.testing.MosaicProcess.CliResult;
import dev.mosaic.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recovery commands as an operator runs them: {@code java -jar mosaic.jar …} as processes of their own on
 * the built jar, against the database a running server uses, with passwords and keys on standard input.
 */
class CliProcessIT {
    private static final String KEY = "cli-process-test-key-0123456789abcdefghijkl";
    private static final String NEW_KEY = "cli-process-rotated-key-0123456789abcdefghij";
    private static final String ROOT_PASSWORD = "root-password-for-cli-test";
    private static final String OPS_PASSWORD = "ops-first-password-123";
    private static final String OPS_NEW_PASSWORD = "ops-second-password-456";
    private static final String PROVIDER_KEY = "sk-cli-process-planted-key-7f3a9c";

    private final List<CliResult> commands = new ArrayList<>();

    @Test
    void everyRecoveryCommandWorksOnTheBuiltJarAndARotatedKeyOpensTheSecretsWhileTheOldOneIsRefused() throws Exception {
        MosaicProcess.jar();
        String database = MosaicProcess.databaseUrl(TestDatabase.fresh());
        String agentToken;
        List<MosaicProcess> servers = new ArrayList<>();
        try (MosaicProcess server = MosaicProcess.start(database, KEY)) {
            servers.add(server);
            CliResult setupCode = cli(database, KEY, "", "setup-code");
            assertThat(setupCode.exitCode()).as(setupCode.toString()).isZero();
            String code = setupCode.out().replaceAll("(?s).*Setup code: ([A-Z0-9-]{14}).*", "$1");
            Api root = server.api();
            Api.Response created = root.post("/api/onboarding/breakglass",
                    Map.of("username", "root", "password", ROOT_PASSWORD, "setupCode", code));
            assertThat(created.status()).as("the code printed by the CLI opens onboarding: %s", created).isEqualTo(201);
            agentToken = providerAndAgent(root);

            CliResult create = cli(database, KEY, OPS_PASSWORD + "\n", "breakglass", "create", "--username", "ops");
            assertThat(create.exitCode()).as(create.toString()).isZero();
            assertThat(server.api().login("ops", OPS_PASSWORD).status()).isEqualTo(200);

            CliResult reset = cli(database, KEY, OPS_NEW_PASSWORD + "\n", "breakglass", "reset-password", "--username", "ops");
            assertThat(reset.exitCode()).as(reset.toString()).isZero();
            assertThat(server.api().login("ops", OPS_PASSWORD).status()).isEqualTo(401);
            assertThat(server.api().login("ops", OPS_NEW_PASSWORD).status()).isEqualTo(200);

            CliResult deactivate = cli(database, KEY, "", "breakglass", "deactivate", "--username", "ops");
            assertThat(deactivate.exitCode()).as(deactivate.toString()).isZero();
            assertThat(server.api().login("ops", OPS_NEW_PASSWORD).status()).isEqualTo(401);

            CliResult reactivate = cli(database, KEY, "", "breakglass", "reactivate", "--username", "ops");
            assertThat(reactivate.exitCode()).as(reactivate.toString()).isZero();
            assertThat(server.api().login("ops", OPS_NEW_PASSWORD).status()).isEqualTo(200);

            // four-eyes on with a lone admin: the command line is the audited way back
            assertThat(root.put("/api/settings/change-policy", Map.of("approvalsRequired", 1)).status()).isEqualTo(200);
            Map<String, String> rename = Map.of("displayName", "Renamed by root");
            assertThat(root.patch("/api/agents/cli-agent", rename).status()).isEqualTo(403);
            CliResult policy = cli(database, KEY, "", "change-policy", "--approvals", "0");
            assertThat(policy.exitCode()).as(policy.toString()).isZero();
            assertThat(policy.out()).contains("Four-eyes is off");
            assertThat(root.patch("/api/agents/cli-agent", rename).status()).isEqualTo(200);
            assertThat(root.get("/api/audit?entityType=installation&actor=cli").body()).contains("ChangePolicySet");
            assertThat(cli(database, KEY, "", "change-policy", "--approvals", "x").exitCode()).isEqualTo(64);
        }

        CliResult rotate = cli(database, KEY, NEW_KEY + "\n", "rotate-master-key");
        assertThat(rotate.exitCode()).as(rotate.toString()).isZero();
        assertThat(rotate.out()).contains("new MOSAIC_SECRET_KEY");

        try (MosaicProcess server = MosaicProcess.start(database, NEW_KEY)) {
            servers.add(server);
            HttpResponse<String> config = server.get("/api/internal/agent-config/cli-agent",
                    "Authorization", "Bearer " + agentToken);
            assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
            assertThat(config.body()).as("the provider key, decrypted with the keyset the new key unwraps")
                    .contains(PROVIDER_KEY);
            assertThat(server.api().login("root", ROOT_PASSWORD).status()).isEqualTo(200);
        }

        MosaicProcess oldKey = MosaicProcess.launch(database, KEY);
        servers.add(oldKey);
        assertThat(oldKey.awaitExit(Duration.ofSeconds(180))).as(oldKey.tail()).isNotZero();
        assertThat(oldKey.log()).contains("Mosaic cannot start: MOSAIC_SECRET_KEY");

        String[] secrets = {KEY, NEW_KEY, ROOT_PASSWORD, OPS_PASSWORD, OPS_NEW_PASSWORD, PROVIDER_KEY, agentToken};
        servers.forEach(server -> server.assertLogHasNone(secrets));
        for (CliResult command : commands) {
            for (String secret : secrets) {
                assertThat(command.out() + command.err()).as("a command's output").doesNotContain(secret);
            }
        }
        commands.forEach(c -> System.out.printf("[figures] CLI command exit %d in %d ms%n", c.exitCode(), c.took().toMillis()));
    }

    private CliResult cli(String database, String key, String stdin, String... args) {
        CliResult result = MosaicProcess.cli(database, key, stdin, args);
        commands.add(result);
        return result;
    }

    /** A provider with an API key and an agent that uses it; the agent's token. */
    private static String providerAndAgent(Api admin) {
        Api.Response provider = admin.post("/api/providers", Map.of("name", "cli-provider", "displayName", "CLI provider",
                "type", "openai", "apiKey", PROVIDER_KEY, "models", List.of(Map.of("id", "gpt-test", "name", "GPT test"))));
        assertThat(provider.status()).as(provider.body()).isEqualTo(201);
        Api.Response agent = admin.post("/api/agents", Map.of("name", "cli-agent", "displayName", "CLI agent",
                "gatewayUrl", "http://127.0.0.1:18789", "providerId", provider.json().get("id").asText(),
                "primaryModel", "gpt-test"));
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        return agent.json().get("token").asText();
    }
}
