package dev.mosaic.server.auth;

import dev.mosaic.command.api.CreateBreakglassUser;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import dev.mosaic.server.testing.LogScan;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PUT /api/settings/breakglass/password}: a breakglass admin proves the current password, then changes it
 * (an admin signed in through OIDC has none here: 409, see AuthorizationMatrixTest). Another breakglass user than
 * the shared admin, whose password every test uses.
 */
class BreakglassPasswordApiTest extends IntegrationTest {
    private static final String PATH = "/api/settings/breakglass/password";

    @Autowired
    CommandGateway commands;

    @Test
    void aBreakglassAdminChangesTheirPasswordByProvingTheCurrentOne() {
        String username = unique("bg");
        String password = LogScan.plant("first-password-" + UUID.randomUUID());
        String next = "second-password-" + UUID.randomUUID();
        commands.sendAndWait(new CreateBreakglassUser(UUID.randomUUID().toString(), username, password, false));
        Api user = anonymous();
        assertThat(user.login(username, password).status()).isEqualTo(200);

        Api.Response wrong = user.put(PATH, Map.of("currentPassword", "not-" + password, "newPassword", next));
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.json().at("/errors/0/field").asText()).isEqualTo("currentPassword");
        Api.Response missing = user.put(PATH, Map.of("newPassword", next));
        assertThat(missing.status()).as(missing.body()).isEqualTo(400);
        assertThat(missing.json().at("/errors/0/field").asText()).isEqualTo("currentPassword");
        Api.Response tooShort = user.put(PATH, Map.of("currentPassword", password, "newPassword", "short"));
        assertThat(tooShort.status()).as(tooShort.body()).isEqualTo(400);
        assertThat(tooShort.json().at("/errors/0/field").asText()).isEqualTo("newPassword");

        Api.Response changed = user.put(PATH, Map.of("currentPassword", password, "newPassword", next));

        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        assertThat(anonymous().login(username, next).status()).isEqualTo(200);
    }
}
