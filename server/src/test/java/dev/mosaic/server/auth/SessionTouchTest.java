package dev.mosaic.server.auth;

import dev.mosaic.server.testing.Api;
import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser's requests write its session row only when something changed or its last access is a minute old. */
class SessionTouchTest extends IntegrationTest {
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSignedInRequestMovesTheLastAccessOnlyOnceAMinute() {
        Api browser = anonymous();
        assertThat(browser.login(ADMIN, ADMIN_PASSWORD).status()).isEqualTo(200);
        String id = new String(Base64.getDecoder().decode(browser.cookie("SESSION")), StandardCharsets.US_ASCII);
        long signedIn = lastAccess(id);

        assertThat(browser.get("/api/auth/me").status()).isEqualTo(200);
        assertThat(browser.get("/api/providers").status()).isEqualTo(200);
        assertThat(lastAccess(id)).isEqualTo(signedIn);

        long longAgo = signedIn - 61_000;
        jdbc.update("update spring_session set last_access_time = ? where session_id = ?", longAgo, id);
        assertThat(browser.get("/api/auth/me").status()).isEqualTo(200);
        long touched = lastAccess(id);
        assertThat(touched).isGreaterThanOrEqualTo(signedIn);
        assertThat(jdbc.queryForObject("select expiry_time from spring_session where session_id = ?", Long.class, id))
                .isEqualTo(touched + jdbc.queryForObject(
                        "select max_inactive_interval from spring_session where session_id = ?", Long.class, id) * 1000L);
    }

    @Test
    void signingOutStillEndsTheSessionAtOnce() {
        Api browser = anonymous();
        assertThat(browser.login(ADMIN, ADMIN_PASSWORD).status()).isEqualTo(200);
        String id = new String(Base64.getDecoder().decode(browser.cookie("SESSION")), StandardCharsets.US_ASCII);
        String cookie = browser.cookie("SESSION");

        assertThat(browser.post("/api/auth/logout", null).status()).isBetween(200, 299);

        assertThat(jdbc.queryForObject("select count(*) from spring_session where session_id = ?", Long.class, id)).isZero();
        Api replay = anonymous();
        replay.setCookie("SESSION", cookie);
        assertThat(replay.get("/api/auth/me").status()).isEqualTo(401);
    }

    private long lastAccess(String id) {
        return jdbc.queryForObject("select last_access_time from spring_session where session_id = ?", Long.class, id);
    }
}
