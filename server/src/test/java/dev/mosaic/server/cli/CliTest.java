package dev.mosaic.server.cli;

import dev.mosaic.server.crypto.MasterKeyRotation;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recovery commands issue the same commands as the API, as the actor {@code cli}. */
class CliTest extends IntegrationTest {
    @Autowired
    ConfigurableApplicationContext context;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int cli(String stdin, String... args) {
        out.reset();
        err.reset();
        return Cli.execute(context, args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void createThenResetPasswordWorkForSignInAndAreAuditedAsTheCli() {
        String username = unique("ops");

        assertThat(cli("first-password-123\n", "breakglass", "create", "--username", username)).isZero();
        assertThat(anonymous().login(username, "first-password-123").status()).isEqualTo(200);

        assertThat(cli("second-password-456\n", "breakglass", "reset-password", "--username", username)).isZero();
        assertThat(anonymous().login(username, "first-password-123").status()).isEqualTo(401);
        Api fresh = anonymous();
        assertThat(fresh.login(username, "second-password-456").status()).isEqualTo(200);

        var entries = admin.get("/api/audit?entityType=breakglass-user&entityId=" + username).json().get("items");
        assertThat(entries).hasSize(2);
        entries.forEach(entry -> assertThat(entry.get("actor").get("id").asText()).isEqualTo("cli"));
        assertThat(entries.get(0).get("changes").toString()).doesNotContain("second-password-456");
    }

    @Test
    void aShortPasswordIsRefusedWithTheReason() {
        assertThat(cli("short\n", "breakglass", "create", "--username", unique("ops"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("password: must be at least 12 characters");
    }

    @Test
    void resettingAnUnknownUserFails() {
        assertThat(cli("whatever-password\n", "breakglass", "reset-password", "--username", "nobody-here")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No breakglass user nobody-here");
    }

    @Test
    void rotateMasterKeyRewrapsTheKeysetWithTheKeyFromStdin() {
        String newKey = "rotated-by-the-cli-0123456789abcdefghijkl";
        MasterKeyRotation rotation = context.getBean(MasterKeyRotation.class);

        assertThat(cli(newKey + "\n", "rotate-master-key")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        try {
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("new MOSAIC_SECRET_KEY").doesNotContain(newKey);
            // the keyset is now wrapped with the new key: rotating from the old one is refused
            assertThatThrownBy(() -> rotation.rotate(SECRET_KEY, "some-other-key-0123456789abcdefghijklmn"))
                    .hasMessageContaining("not the current master key");
            // this server still encrypts and decrypts: it holds the unwrapped keyset
            assertThat(admin.get("/api/providers").status()).isEqualTo(200);
        } finally {
            rotation.rotate(newKey, SECRET_KEY);
        }
    }

    @Test
    void rotateMasterKeyRefusesAShortKey() {
        assertThat(cli("too-short\n", "rotate-master-key")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the new key is unusable");
    }

    @Test
    void noSetupCodeOnceAnAdminExists() {
        assertThat(cli("", "setup-code")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theLastActiveBreakglassUserCannotBeDeactivatedButAnotherCan() {
        String username = unique("ops");
        cli("a-good-password-1\n", "breakglass", "create", "--username", username);

        assertThat(cli("", "breakglass", "deactivate", "--username", username)).isZero();
        assertThat(anonymous().login(username, "a-good-password-1").status()).isEqualTo(401);
        assertThat(cli("", "breakglass", "reactivate", "--username", username)).isZero();
        assertThat(anonymous().login(username, "a-good-password-1").status()).isEqualTo(200);
    }

    @Test
    void replayRebuildsTheViewsPrintsProgressAndKeepsEveryConfigVersion() {
        String providerId = createProvider(unique("replay-cli"), "m1", "m2");
        String agent = unique("replay-cli-agent");
        createAgent(agent, providerId, "m1");
        admin.put("/api/agents/" + agent + "/model", java.util.Map.of("providerId", providerId, "primaryModel", "m2",
                "fallbacks", java.util.List.of()));
        String agentBefore = admin.get("/api/agents/" + agent).body();
        long versions = database.queryForObject("select count(*) from agent_config_version", Long.class);

        assertThat(cli("", "replay")).as(err.toString(StandardCharsets.UTF_8)).isZero();

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("Replaying ").contains("events/s").contains("0 new agent config versions");
        assertThat(admin.get("/api/agents/" + agent).body()).isEqualTo(agentBefore);
        assertThat(admin.get("/api/agents/" + agent + "/status").json().get("currentVersion").asLong()).isEqualTo(2);
        assertThat(database.queryForObject("select count(*) from agent_config_version", Long.class)).isEqualTo(versions);
        // writes still work afterwards, and render
        admin.put("/api/agents/" + agent + "/model", java.util.Map.of("providerId", providerId, "primaryModel", "m1",
                "fallbacks", java.util.List.of()));
        assertThat(admin.get("/api/agents/" + agent + "/status").json().get("currentVersion").asLong()).isEqualTo(3);
    }
}
