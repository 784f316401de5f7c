package dev.mosaic.server.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.classic.Level;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets the tests plant (API keys, agent tokens, passwords, the master key) must never reach a log line.
 * {@link Appender} (in {@code logback-test.xml}) keeps every line the test JVM logs; {@link Extension} (registered
 * for every test class through JUnit's extension auto-detection) fails a test class after which a pending line
 * holds a planted secret, and then forgets the lines it checked.
 */
public final class LogScan {
    /** Shorter values (a model id "m", say) would match innocent text by chance. */
    private static final int MIN_LENGTH = 8;
    private static final Set<String> PLANTED = ConcurrentHashMap.newKeySet();
    private static final List<Line> LINES = new ArrayList<>();

    private LogScan() {
    }

    /** A logged line: where from, and its whole text including the stack trace. */
    public record Line(String logger, String text) {
    }

    /** Registers a secret; returns it, so that a test can plant where it creates the value. */
    public static String plant(String secret) {
        if (secret != null && secret.strip().length() >= MIN_LENGTH) {
            PLANTED.add(secret);
            PLANTED.add(secret.strip());
        }
        return secret;
    }

    /** Lines not yet checked that contain any of the fragments. */
    public static List<Line> linesContaining(String... fragments) {
        synchronized (LINES) {
            return LINES.stream().filter(l -> java.util.Arrays.stream(fragments).anyMatch(l.text()::contains)).toList();
        }
    }

    static void record(Line line) {
        synchronized (LINES) {
            LINES.add(line);
        }
    }

    /** Takes the pending lines and names those holding a planted secret (the secret itself shown masked). */
    static List<String> drainLeaks() {
        List<Line> pending;
        synchronized (LINES) {
            pending = new ArrayList<>(LINES);
            LINES.clear();
        }
        List<String> leaks = new ArrayList<>();
        for (Line line : pending) {
            for (String secret : PLANTED) {
                if (line.text().contains(secret)) {
                    leaks.add(line.logger() + " logged the planted secret " + mask(secret) + ": "
                            + line.text().replace(secret, mask(secret)).lines().findFirst().orElse(""));
                }
            }
        }
        return leaks;
    }

    private static String mask(String secret) {
        return "\"" + secret.substring(0, 3) + "…(" + secret.length() + " chars)\"";
    }

    /** Logback appender keeping every event's rendered message and stack trace for the scan. */
    public static final class Appender extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder text = new StringBuilder(String.valueOf(event.getFormattedMessage()));
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                text.append('\n').append(ThrowableProxyUtil.asString(thrown));
            }
            event.getMDCPropertyMap().forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
            record(new Line(event.getLoggerName(), text.toString()));
        }
    }

    /** The console's old threshold: WARN, or INFO for Mosaic's own loggers. */
    public static final class ConsoleFilter extends Filter<ILoggingEvent> {
        @Override
        public FilterReply decide(ILoggingEvent event) {
            return event.getLevel().isGreaterOrEqual(Level.WARN) || event.getLoggerName().startsWith("dev.mosaic")
                    ? FilterReply.NEUTRAL : FilterReply.DENY;
        }
    }

    /** Fails the test class after which a log line holds a planted secret. */
    public static final class Extension implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) {
            List<String> leaks = drainLeaks();
            if (!leaks.isEmpty()) {
                throw new AssertionError("A secret reached the log during " + context.getDisplayName() + ":\n"
                        + String.join("\n", leaks));
            }
        }
    }
}
