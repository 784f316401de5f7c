package dev.mosaic.server.conversation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * With {@code mosaic.chat.retention-days} set, conversations nobody has added to for that long are deleted, at
 * start and every hour after (on every node: the delete is idempotent). Unset, conversations are kept.
 */
@Component
@EnableConfigurationProperties(ChatHistoryProperties.class)
class ChatRetention {
    private static final Logger log = LoggerFactory.getLogger(ChatRetention.class);
    private final ConversationStore store;
    private final ChatHistoryProperties properties;
    private final Clock clock;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chat-retention");
        thread.setDaemon(true);
        return thread;
    });

    ChatRetention(ConversationStore store, ChatHistoryProperties properties) {
        this.store = store;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (properties.retentionDays() != null) {
            schedule.scheduleWithFixedDelay(this::purge, 0, 1, TimeUnit.HOURS);
        }
    }

    /** Deletes what is older than the retention; returns how many conversations went. */
    int purge() {
        try {
            int deleted = store.deleteNotUpdatedSince(clock.instant().minus(Duration.ofDays(properties.retentionDays())));
            if (deleted > 0) {
                log.info("Deleted {} conversation(s) older than {} days (mosaic.chat.retention-days)", deleted,
                        properties.retentionDays());
            }
            return deleted;
        } catch (RuntimeException e) {
            log.warn("Could not apply the chat retention now; trying again in an hour: {}", e.getClass().getSimpleName());
            return 0;
        }
    }

    @PreDestroy
    void stop() {
        schedule.shutdownNow();
    }
}
