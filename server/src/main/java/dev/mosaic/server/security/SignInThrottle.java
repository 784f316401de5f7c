package dev.mosaic.server.security;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after 5 failures within 15 minutes for one username from one client
 * address, or for one client address over all usernames, further attempts are refused until the oldest
 * failure ages out. Counting a username per address means an attacker elsewhere cannot lock the real admin out.
 */
@Component
class SignInThrottle {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    SignInThrottle() {
        this(Clock.systemUTC());
    }

    SignInThrottle(Clock clock) {
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
        for (String key : new String[]{userKey(username, address), addressKey(address)}) {
            failures.compute(key, (k, times) -> {
                Deque<Instant> deque = times == null ? new ArrayDeque<>() : times;
                prune(deque, now);
                deque.addLast(now);
                return deque;
            });
        }
    }

    /** A correct password proves the client is not guessing: its counters start again. */
    void recordSuccess(String username, String address) {
        failures.remove(userKey(username, address));
        failures.remove(addressKey(address));
    }

    private long secondsToWait(String key) {
        Instant now = clock.instant();
        Deque<Instant> times = failures.computeIfPresent(key, (k, deque) -> {
            prune(deque, now);
            return deque.isEmpty() ? null : deque;
        });
        if (times == null || times.size() < MAX_FAILURES) {
            return 0;
        }
        synchronized (times) {
            Instant freed = times.peekFirst().plus(WINDOW);
            return Math.max(1, Duration.between(now, freed).toSeconds() + 1);
        }
    }

    private static void prune(Deque<Instant> times, Instant now) {
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().plus(WINDOW).isBefore(now)) {
                times.removeFirst();
            }
        }
    }

    private static String userKey(String username, String address) {
        return "user:" + username + "@" + address;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
