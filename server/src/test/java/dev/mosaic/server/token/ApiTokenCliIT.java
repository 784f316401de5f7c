package dev.mosaic.server.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.MosaicProcess;
import dev.mosaic.server.testing.MosaicProcess.CliResult;
import dev.mosaic.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar mosaic.jar token create} as a process of its own on the built jar, against the database a running
 * server uses: the token it prints once opens the API of that server, and its issue is audited as the CLI's.
 */
class ApiTokenCliIT {
    private static final String KEY = "token-cli-test-key-0123456789abcdefghijklmn";
    private static final String ROOT_PASSWORD = "root-password-for-token-cli";

    @Test
    void theCliIssuesATokenForABreakglassUserThatTheServerAccepts() throws Exception {
        MosaicProcess.jar();
        String database = MosaicProcess.databaseUrl(TestDatabase.fresh());
        try (MosaicProcess server = MosaicProcess.start(database, KEY)) {
            Api root = server.api();
            Api.Response created = root.post("/api/onboarding/breakglass",
                    Map.of("username", "root", "password", ROOT_PASSWORD, "setupCode", server.setupCode()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);

            CliResult issued = MosaicProcess.cli(database, KEY, "", "token", "create", "--username", "root",
                    "--name", "ci deploy", "--role", "ADMIN", "--expires-in-days", "90");
            assertThat(issued.exitCode()).as(issued.toString()).isZero();
            String token = issued.out().strip();
            assertThat(token).as("stdout is the token alone, for scripts").matches("mosaic_pat_[0-9A-Za-z]{43}");
            assertThat(issued.err()).contains("ci deploy").contains("root").doesNotContain(token);

            HttpResponse<String> agents = server.get("/api/agents", "Authorization", "Bearer " + token);
            assertThat(agents.statusCode()).as(agents.body()).isEqualTo(200);
            assertThat(agents.headers().firstValue("Set-Cookie")).isEmpty();

            JsonNode list = new ObjectMapper().readTree(root.get("/api/tokens").body());
            assertThat(list.at("/items/0/name").asText()).isEqualTo("ci deploy");
            assertThat(list.at("/items/0/owner").asText()).isEqualTo("root");
            assertThat(list.at("/items/0/role").asText()).isEqualTo("ADMIN");
            JsonNode audit = new ObjectMapper().readTree(root.get("/api/audit?entityType=token").body());
            assertThat(audit.at("/items/0/actor/id").asText()).isEqualTo("cli");
            assertThat(audit.at("/items/0/summary").asText()).isEqualTo("API token ci deploy issued");

            CliResult badRole = MosaicProcess.cli(database, KEY, "", "token", "create", "--username", "root",
                    "--name", "x", "--role", "OWNER");
            assertThat(badRole.exitCode()).as(badRole.toString()).isEqualTo(1);
            assertThat(badRole.err()).contains("role: must be ADMIN or AUDITOR");
            CliResult nobody = MosaicProcess.cli(database, KEY, "", "token", "create", "--username", "nobody",
                    "--name", "x", "--role", "ADMIN");
            assertThat(nobody.exitCode()).as(nobody.toString()).isEqualTo(1);
            assertThat(nobody.err()).contains("No breakglass user nobody");

            server.assertLogHasNone(token, token.substring(11), ROOT_PASSWORD, KEY);
        }
    }
}
