package dev.mosaic.server.conversation;

import dev.mosaic.server.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code mosaic.chat.retention-days}: conversations not added to for longer are deleted; unset keeps them. */
class ChatRetentionTest extends IntegrationTest {
    @Autowired
    ConversationStore store;
    @Autowired
    ChatCiphers ciphers;

    private UUID conversationLastUpdated(Instant at) {
        UUID id = UUID.randomUUID();
        ConversationOwner owner = new ConversationOwner("user:" + UUID.randomUUID());
        store.insertConversation(id, owner, "agent", ciphers.sealTitle("old", id, owner), at);
        store.appendMessage(id, owner, new ConversationStore.SealedMessage("user",
                ciphers.sealMessage("old text", id, owner), at, ConversationMessage.COMPLETE, null));
        return id;
    }

    @Test
    void conversationsOlderThanTheRetentionAreDeletedAndNewerOnesKept() {
        Instant now = Instant.now();
        UUID old = conversationLastUpdated(now.minus(31, ChronoUnit.DAYS));
        UUID recent = conversationLastUpdated(now.minus(29, ChronoUnit.DAYS));

        int deleted = new ChatRetention(store, new ChatHistoryProperties(30)).purge();

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(database.queryForObject("select count(*) from chat_conversation where id = ?", Integer.class, old)).isZero();
        assertThat(database.queryForObject("select count(*) from chat_message where conversation_id = ?", Integer.class, old)).isZero();
        assertThat(database.queryForObject("select count(*) from chat_conversation where id = ?", Integer.class, recent)).isOne();
    }

    @Test
    void aRetentionBelowOneDayIsRefusedAtStart() {
        assertThatThrownBy(() -> new ChatHistoryProperties(0))
                .hasMessageContaining("mosaic.chat.retention-days");
    }
}
