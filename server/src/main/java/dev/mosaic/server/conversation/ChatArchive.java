package dev.mosaic.server.conversation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Stores chats off the streaming path: once an answer has ended (completed, stopped or failed), the proxy hands
 * over the exchange, the person's message with the answer, and one thread seals and writes exchanges in order, many
 * per transaction. Nothing of it touches the database while the answer streams. While PostgreSQL is unreachable
 * what waits is kept (up to {@link #CAPACITY} exchanges) and written once it is back; at shutdown what waits is
 * written for up to {@link #SHUTDOWN_GRACE_SECONDS} s. A conversation whose first exchange is not stored yet
 * already counts as its owner's ({@link #pendingAgent}), so its next message is not refused as unknown.
 */
@Component
public class ChatArchive {
    static final int CAPACITY = 100_000;
    static final int SHUTDOWN_GRACE_SECONDS = 5;
    private static final int BATCH = 256;
    private static final long LINGER_MILLIS = 20;
    private static final Logger log = LoggerFactory.getLogger(ChatArchive.class);

    private record Exchange(ChatTurn turn, AnswerTranscript transcript, Instant answeredAt) {
    }

    private final BlockingQueue<Exchange> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Map<UUID, ChatTurn> pending = new ConcurrentHashMap<>();
    private final ConversationStore store;
    private final ChatCiphers ciphers;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Counter stored;
    private final Counter dropped;
    private final Counter writeFailures;
    private final Thread writer;
    private final Object progress = new Object();
    private long enqueued;
    private long written;
    private volatile boolean stopping;

    ChatArchive(ConversationStore store, ChatCiphers ciphers, TransactionTemplate transactions, ObjectMapper json,
                MeterRegistry meters) {
        this.store = store;
        this.ciphers = ciphers;
        this.transactions = transactions;
        this.json = json;
        this.stored = Counter.builder("mosaic_chat_messages_stored").description("chat messages written").register(meters);
        this.dropped = Counter.builder("mosaic_chat_messages_dropped")
                .description("chat messages not kept: the archive's queue was full, or a message could not be stored")
                .register(meters);
        this.writeFailures = Counter.builder("mosaic_chat_archive_write_failures")
                .description("attempts to write chat messages that failed and were retried").register(meters);
        meters.gauge("mosaic_chat_archive_queue", queue, BlockingQueue::size);
        writer = new Thread(this::writeUntilStopped, "chat-archive");
        writer.setDaemon(true);
        writer.start();
    }

    /** A chat starts: a new conversation is its owner's from now on, though stored only with its first answer. */
    public void question(ChatTurn turn) {
        if (turn.newConversation()) {
            pending.put(turn.conversation(), turn);
        }
    }

    /** The answer has ended (completed, stopped or failed): the exchange is stored. */
    public void answer(ChatTurn turn, AnswerTranscript transcript) {
        synchronized (progress) {
            if (!queue.offer(new Exchange(turn, transcript, Instant.now()))) {
                dropped.increment();
                pending.remove(turn.conversation());
                log.warn("The chat archive is full ({} waiting): a chat exchange was not kept", CAPACITY);
                return;
            }
            enqueued++;
        }
    }

    /** The agent of a conversation whose first exchange is not stored yet, if it is the owner's. */
    Optional<String> pendingAgent(UUID conversation, ConversationOwner owner) {
        return Optional.ofNullable(pending.get(conversation)).filter(turn -> turn.owner().equals(owner))
                .map(ChatTurn::agent);
    }

    /** Waits (up to {@code timeoutMillis}) until every exchange handed over before this call is stored. */
    void awaitWritten(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (progress) {
            long target = enqueued;
            long left;
            while (written < target && (left = deadline - System.currentTimeMillis()) > 0) {
                try {
                    progress.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void writeUntilStopped() {
        List<Exchange> batch = new ArrayList<>(BATCH);
        long backoff = 0;
        while (true) {
            try {
                if (batch.isEmpty()) {
                    Exchange first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (stopping) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                    if (!stopping) {
                        // a moment's wait gathers what busy chats hand over meanwhile into the same transaction
                        Thread.sleep(LINGER_MILLIS);
                    }
                    queue.drainTo(batch, BATCH - 1);
                }
                transactions.executeWithoutResult(status -> batch.forEach(this::write));
                done(batch);
                batch.clear();
                backoff = 0;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                writeFailures.increment();
                if (store.reachable()) { // the database is fine: one of these exchanges cannot be stored
                    writeOneByOne(batch);
                    done(batch);
                    batch.clear();
                    continue;
                }
                backoff = Math.min(Math.max(250, backoff * 2), 10_000);
                log.warn("Could not store {} chat exchange(s), retrying in {} ms: {}", batch.size(), backoff,
                        e.getClass().getSimpleName());
                if (stopping) {
                    return;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void writeOneByOne(List<Exchange> batch) {
        for (Exchange exchange : batch) {
            try {
                transactions.executeWithoutResult(status -> write(exchange));
            } catch (RuntimeException e) {
                dropped.increment();
                log.error("A chat exchange could not be stored and was dropped: {}", e.getClass().getSimpleName());
            }
        }
    }

    private void write(Exchange exchange) {
        ChatTurn turn = exchange.turn();
        UUID id = turn.conversation();
        ConversationOwner owner = turn.owner();
        if (turn.newConversation()) {
            store.insertConversation(id, owner, turn.agent(),
                    ciphers.sealTitle(ConversationTitle.from(turn.text()), id, owner), turn.at());
        }
        ConversationStore.SealedMessage question = new ConversationStore.SealedMessage(turn.role(),
                ciphers.sealMessage(turn.text(), id, owner), turn.at(), ConversationMessage.COMPLETE, null);
        AnswerTranscript transcript = exchange.transcript();
        ConversationStore.SealedMessage answer = new ConversationStore.SealedMessage("assistant",
                ciphers.sealMessage(transcript.text(json), id, owner), exchange.answeredAt(), transcript.status(),
                transcript.failure());
        if (store.appendMessage(id, owner, question) && store.appendMessage(id, owner, answer)) {
            stored.increment(2);
        }
    }

    private void done(List<Exchange> batch) {
        batch.forEach(exchange -> pending.remove(exchange.turn().conversation(), exchange.turn()));
        synchronized (progress) {
            written += batch.size();
            progress.notifyAll();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        writer.join(TimeUnit.SECONDS.toMillis(SHUTDOWN_GRACE_SECONDS));
        writer.interrupt();
        if (!queue.isEmpty()) {
            log.warn("Mosaic stopped with {} chat exchange(s) not yet stored", queue.size());
        }
    }
}
