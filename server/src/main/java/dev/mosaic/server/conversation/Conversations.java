package dev.mosaic.server.conversation;

import dev.mosaic.query.api.Items;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A person's own conversations. Every lookup is by owner too: another person's conversation is simply not found,
 * whatever the caller's role. Reads first wait briefly for the archive, so a chat just ended is there.
 */
@Service
public class Conversations {
    private static final long READ_YOUR_WRITES_MILLIS = 2_000;
    private final ConversationStore store;
    private final ChatCiphers ciphers;
    private final ChatArchive archive;

    Conversations(ConversationStore store, ChatCiphers ciphers, ChatArchive archive) {
        this.store = store;
        this.ciphers = ciphers;
        this.archive = archive;
    }

    /**
     * The agent of one of the owner's conversations, empty when it is not theirs; one lookup, no waiting (the
     * chat path asks), and a conversation still on its way to the database counts.
     */
    public Optional<String> agentOf(ConversationOwner owner, UUID id) {
        return archive.pendingAgent(id, owner).or(() -> store.agentOf(owner, id));
    }

    Items<ConversationSummary> list(ConversationOwner owner, String cursor, int limit) {
        archive.awaitWritten(READ_YOUR_WRITES_MILLIS);
        List<ConversationStore.SealedSummary> page = store.page(owner, ConversationCursor.parse(cursor), limit + 1);
        List<ConversationSummary> items = page.stream().limit(limit).map(row -> open(owner, row)).toList();
        String next = page.size() > limit ? ConversationCursor.after(page.get(limit - 1)) : null;
        return new Items<>(items, next);
    }

    Optional<Conversation> read(ConversationOwner owner, UUID id) {
        archive.awaitWritten(READ_YOUR_WRITES_MILLIS);
        return store.find(owner, id).map(row -> new Conversation(row.id(), row.agent(),
                ciphers.openTitle(row.sealedTitle(), id, owner), row.createdAt(), row.updatedAt(),
                store.messages(id).stream().map(message -> new ConversationMessage(message.role(),
                        ciphers.openMessage(message.sealedContent(), id, owner), message.at(), message.status(),
                        message.error())).toList()));
    }

    Optional<ConversationSummary> rename(ConversationOwner owner, UUID id, String title) {
        archive.awaitWritten(READ_YOUR_WRITES_MILLIS);
        if (!store.rename(owner, id, ciphers.sealTitle(title, id, owner))) {
            return Optional.empty();
        }
        return store.find(owner, id).map(row -> open(owner, row));
    }

    boolean delete(ConversationOwner owner, UUID id) {
        archive.awaitWritten(READ_YOUR_WRITES_MILLIS);
        return store.delete(owner, id);
    }

    int deleteAll(ConversationOwner owner) {
        archive.awaitWritten(READ_YOUR_WRITES_MILLIS);
        return store.deleteAll(owner);
    }

    private ConversationSummary open(ConversationOwner owner, ConversationStore.SealedSummary row) {
        return new ConversationSummary(row.id(), row.agent(), ciphers.openTitle(row.sealedTitle(), row.id(), owner),
                row.createdAt(), row.updatedAt(), row.messageCount());
    }
}
