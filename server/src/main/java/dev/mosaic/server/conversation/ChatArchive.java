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
 * Stores chats off the streaming path: the proxy hands over each person's message and each ended answer, and one
 * thread seals and writes them in order, many per transaction. While PostgreSQL is unreachable what waits is kept
 * (up to {@link #CAPACITY} entries) and written once it is back; at shutdown what waits is written for up to
 * {@link #SHUTDOWN_GRACE_SECONDS} s. A conversation whose first message still waits here already counts as its
 * owner's ({@link #pendingAgent}), so the next message of it is not refused as unknown.
 */
@Component
public class ChatArchive {
    static final int CAPACITY = 100_000;
    static final int SHUTDOWN_GRACE_SECONDS = 5;
    private static final int BATCH = 256;
    private static final Logger log = LoggerFactory.getLogger(ChatArchive.class);

    private sealed interface Entry permits Question, Answer {
    }

    private record Question(ChatTurn turn) implements Entry {
    }

    private record Answer(ChatTurn turn, AnswerTranscript transcript, Instant at) implements Entry {
    }

    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>(CAPACITY);
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
                .description("chat messages not kept: the archive's queue was full").register(meters);
        this.writeFailures = Counter.builder("mosaic_chat_archive_write_failures")
                .description("attempts to write chat messages that failed and were retried").register(meters);
        meters.gauge("mosaic_chat_archive_queue", queue, BlockingQueue::size);
        writer = new Thread(this::writeUntilStopped, "chat-archive");
        writer.setDaemon(true);
        writer.start();
    }

    /** The person's message, stored before (and, for a new conversation, together with) the conversation itself. */
    public void question(ChatTurn turn) {
        if (turn.newConversation()) {
            pending.put(turn.conversation(), turn);
        }
        offer(new Question(turn));
    }

    /** The answer, once it has ended (completed, stopped or failed). */
    public void answer(ChatTurn turn, AnswerTranscript transcript) {
        offer(new Answer(turn, transcript, Instant.now()));
    }

    /** The agent of a conversation whose first message has not been stored yet, if it is the owner's. */
    Optional<String> pendingAgent(UUID conversation, ConversationOwner owner) {
        return Optional.ofNullable(pending.get(conversation)).filter(turn -> turn.owner().equals(owner))
                .map(ChatTurn::agent);
    }

    /** Waits (up to {@code timeoutMillis}) until everything handed over before this call is stored: a read sees its own chats. */
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

    private void offer(Entry entry) {
        synchronized (progress) {
            if (!queue.offer(entry)) {
                dropped.increment();
                log.warn("The chat archive is full ({} waiting): a chat message was not kept", CAPACITY);
                return;
            }
            enqueued++;
        }
    }

    private void writeUntilStopped() {
        List<Entry> batch = new ArrayList<>(BATCH);
        long backoff = 0;
        while (true) {
            try {
                if (batch.isEmpty()) {
                    Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (stopping) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                write(batch);
                done(batch.size());
                batch.clear();
                backoff = 0;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                writeFailures.increment();
                if (store.reachable()) { // the database is fine: one of these entries cannot be stored
                    writeOneByOne(batch);
                    done(batch.size());
                    batch.clear();
                    continue;
                }
                backoff = Math.min(Math.max(250, backoff * 2), 10_000);
                log.warn("Could not store {} chat message(s), retrying in {} ms: {}", batch.size(), backoff,
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

    private void write(List<Entry> batch) {
        transactions.executeWithoutResult(status -> batch.forEach(this::write));
        for (Entry entry : batch) {
            if (entry instanceof Question question && question.turn().newConversation()) {
                pending.remove(question.turn().conversation());
            }
        }
    }

    private void writeOneByOne(List<Entry> batch) {
        for (Entry entry : batch) {
            try {
                write(List.of(entry));
            } catch (RuntimeException e) {
                dropped.increment();
                if (entry instanceof Question question) {
                    pending.remove(question.turn().conversation());
                }
                log.error("A chat message could not be stored and was dropped: {}", e.getClass().getSimpleName());
            }
        }
    }

    private void write(Entry entry) {
        ChatTurn turn = entry instanceof Question question ? question.turn() : ((Answer) entry).turn();
        UUID id = turn.conversation();
        ConversationOwner owner = turn.owner();
        ConversationStore.SealedMessage message;
        if (entry instanceof Answer answer) {
            message = new ConversationStore.SealedMessage("assistant",
                    ciphers.sealMessage(answer.transcript().text(json), id, owner), answer.at(),
                    answer.transcript().status(), answer.transcript().failure());
        } else {
            if (turn.newConversation()) {
                store.insertConversation(id, owner, turn.agent(),
                        ciphers.sealTitle(ConversationTitle.from(turn.text()), id, owner), turn.at());
            }
            message = new ConversationStore.SealedMessage(turn.role(), ciphers.sealMessage(turn.text(), id, owner),
                    turn.at(), ConversationMessage.COMPLETE, null);
        }
        if (store.appendMessage(id, owner, message)) {
            stored.increment();
        }
    }

    private void done(int count) {
        synchronized (progress) {
            written += count;
            progress.notifyAll();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        writer.join(TimeUnit.SECONDS.toMillis(SHUTDOWN_GRACE_SECONDS));
        writer.interrupt();
        if (!queue.isEmpty()) {
            log.warn("Mosaic stopped with {} chat message(s) not yet stored", queue.size());
        }
    }
}
