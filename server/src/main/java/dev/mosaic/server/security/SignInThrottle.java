package dev.mosaic.server.security;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Slows down password guessing: after 5 failures within 15 minutes for one username from one client
 * address, or for one client address over all usernames, further attempts are refused until the oldest
 * failure ages out. Counting a username per address means an attacker elsewhere cannot lock the real admin out.
 * Failures are counted in PostgreSQL, so a guesser spreading attempts over several nodes is counted once.
 */
@Component
class SignInThrottle {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final Clock clock;

    @Autowired
    SignInThrottle(JdbcClient jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    SignInThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void checkAllowed(String username, String address) {
        long wait = Math.max(secondsToWait(userKey(username, address)), secondsToWait(addressKey(address)));
        if (wait > 0) {
            throw new SignInThrottledException(wait);
        }
    }

    void recordFailure(String username, String address) {
        Instant now = clock.instant();
        jdbc.sql("delete from sign_in_failure where at < ?").param(Timestamp.from(now.minus(WINDOW))).update();
        for (String key : List.of(userKey(username, address), addressKey(address))) {
            jdbc.sql("insert into sign_in_failure (throttle_key, at) values (?, ?)")
                    .params(key, Timestamp.from(now)).update();
        }
    }

    /** A correct password proves the client is not guessing: its counters start again. */
    void recordSuccess(String username, String address) {
        jdbc.sql("delete from sign_in_failure where throttle_key in (?, ?)")
                .params(userKey(username, address), addressKey(address)).update();
    }

    /** Seconds until the oldest of the last {@value #MAX_FAILURES} failures within the window ages out. */
    private long secondsToWait(String key) {
        Instant now = clock.instant();
        List<Timestamp> recent = jdbc.sql("""
                        select at from sign_in_failure where throttle_key = ? and at >= ? order by at desc limit ?""")
                .params(key, Timestamp.from(now.minus(WINDOW)), MAX_FAILURES).query(Timestamp.class).list();
        if (recent.size() < MAX_FAILURES) {
            return 0;
        }
        Instant freed = recent.get(MAX_FAILURES - 1).toInstant().plus(WINDOW);
        return Math.max(1, Duration.between(now, freed).toSeconds() + 1);
    }

    private static String userKey(String username, String address) {
        return "user:" + username + "@" + address;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
