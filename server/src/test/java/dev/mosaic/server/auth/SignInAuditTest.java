package dev.mosaic.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every breakglass sign-in, failed or not, is an event in the audit log; the password never is. */
class SignInAuditTest extends IntegrationTest {

    @Test
    void aFailedAndASuccessfulSignInAreAuditedWithoutThePassword() {
        String wrong = "not-the-password-" + unique("x");
        assertThat(anonymous().login(ADMIN, wrong).status()).isEqualTo(401);
        Api browser = anonymous();
        assertThat(browser.login(ADMIN, ADMIN_PASSWORD).status()).isEqualTo(200);

        Api.Response audit = admin.get("/api/audit?entityType=sign-in&entityId=" + ADMIN + "&limit=500");
        assertThat(audit.body()).doesNotContain(wrong).doesNotContain(ADMIN_PASSWORD);
        JsonNode items = audit.json().get("items");
        JsonNode success = items.get(0);
        assertThat(success.get("eventType").asText()).isEqualTo("SignInSucceeded");
        assertThat(success.get("summary").asText()).isEqualTo("Sign-in of admin succeeded");
        assertThat(success.get("actor").get("id").asText()).startsWith("user:");
        assertThat(success.get("actor").get("name").asText()).isEqualTo(ADMIN);
        JsonNode failure = items.get(1);
        assertThat(failure.get("eventType").asText()).isEqualTo("SignInFailed");
        assertThat(failure.get("summary").asText()).isEqualTo("Sign-in of admin failed");
        assertThat(failure.get("actor").get("id").asText()).isEqualTo("anonymous");
        assertThat(failure.get("changes").toString()).contains("wrong username or password");
    }

    @Test
    void aSignInAsAnUnknownUserIsAuditedUnderTheNameTried() {
        String ghost = unique("ghost");
        assertThat(anonymous().login(ghost, "whatever-it-was-123").status()).isEqualTo(401);

        JsonNode items = admin.get("/api/audit?entityType=sign-in&entityId=" + ghost).json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("eventType").asText()).isEqualTo("SignInFailed");
        assertThat(items.get(0).toString()).doesNotContain("whatever-it-was-123");
    }
}
