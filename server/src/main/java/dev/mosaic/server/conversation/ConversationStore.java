package dev.mosaic.server.conversation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The chat tables as they are stored: titles and texts stay sealed here ({@link ChatCiphers} opens them). */
@Repository
class ConversationStore {
    private final JdbcClient jdbc;

    ConversationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record SealedSummary(UUID id, String agent, String sealedTitle, Instant createdAt, Instant updatedAt,
                         int messageCount) {
    }

    record SealedMessage(String role, String sealedContent, Instant at, String status, String error) {
    }

    /** Where a page of the list starts: after this conversation in newest-first order. */
    record Position(Instant updatedAt, UUID id) {
    }

    void insertConversation(UUID id, ConversationOwner owner, String agent, String sealedTitle, Instant at) {
        jdbc.sql("""
                        insert into chat_conversation (id, owner, agent, title, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?) on conflict (id) do nothing""")
                .params(id, owner.id(), agent, sealedTitle, Timestamp.from(at), Timestamp.from(at)).update();
    }

    /** Appends a message at the end; false when the conversation is gone (deleted meanwhile). */
    boolean appendMessage(UUID conversation, ConversationOwner owner, SealedMessage message) {
        Optional<Integer> count = jdbc.sql("""
                        update chat_conversation set message_count = message_count + 1,
                               updated_at = greatest(updated_at, ?)
                        where id = ? and owner = ? returning message_count""")
                .params(Timestamp.from(message.at()), conversation, owner.id())
                .query(Integer.class).optional();
        if (count.isEmpty()) {
            return false;
        }
        jdbc.sql("""
                        insert into chat_message (conversation_id, position, role, content, status, error, at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(conversation, count.get() - 1, message.role(), message.sealedContent(), message.status(),
                        message.error(), Timestamp.from(message.at()))
                .update();
        return true;
    }

    Optional<String> agentOf(ConversationOwner owner, UUID conversation) {
        return jdbc.sql("select agent from chat_conversation where id = ? and owner = ?")
                .params(conversation, owner.id()).query(String.class).optional();
    }

    List<SealedSummary> page(ConversationOwner owner, Position after, int limit) {
        String sql = "select id, agent, title, created_at, updated_at, message_count from chat_conversation"
                + " where owner = ?" + (after == null ? "" : " and (updated_at, id) < (?, ?)")
                + " order by updated_at desc, id desc limit ?";
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param(owner.id());
        if (after != null) {
            statement = statement.param(Timestamp.from(after.updatedAt())).param(after.id());
        }
        return statement.param(limit).query(ConversationStore::summary).list();
    }

    Optional<SealedSummary> find(ConversationOwner owner, UUID id) {
        return jdbc.sql("""
                        select id, agent, title, created_at, updated_at, message_count from chat_conversation
                        where id = ? and owner = ?""")
                .params(id, owner.id()).query(ConversationStore::summary).optional();
    }

    List<SealedMessage> messages(UUID conversation) {
        return jdbc.sql("select role, content, at, status, error from chat_message where conversation_id = ? order by position")
                .param(conversation)
                .query((rs, row) -> new SealedMessage(rs.getString("role"), rs.getString("content"),
                        rs.getTimestamp("at").toInstant(), rs.getString("status"), rs.getString("error")))
                .list();
    }

    boolean rename(ConversationOwner owner, UUID id, String sealedTitle) {
        return jdbc.sql("update chat_conversation set title = ? where id = ? and owner = ?")
                .params(sealedTitle, id, owner.id()).update() == 1;
    }

    boolean delete(ConversationOwner owner, UUID id) {
        return jdbc.sql("delete from chat_conversation where id = ? and owner = ?").params(id, owner.id()).update() == 1;
    }

    int deleteAll(ConversationOwner owner) {
        return jdbc.sql("delete from chat_conversation where owner = ?").param(owner.id()).update();
    }

    int deleteNotUpdatedSince(Instant cutoff) {
        return jdbc.sql("delete from chat_conversation where updated_at < ?").param(Timestamp.from(cutoff)).update();
    }

    boolean reachable() {
        try {
            return jdbc.sql("select 1").query(Integer.class).single() == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    long count() {
        return jdbc.sql("select count(*) from chat_conversation").query(Long.class).single();
    }

    private static SealedSummary summary(ResultSet rs, int row) throws SQLException {
        return new SealedSummary(rs.getObject("id", UUID.class), rs.getString("agent"), rs.getString("title"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getInt("message_count"));
    }
}
