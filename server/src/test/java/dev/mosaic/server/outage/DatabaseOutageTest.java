package dev.mosaic.server.outage;

import org.hibernate.TransactionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "the database cannot be reached", however deeply they are wrapped. */
class DatabaseOutageTest {

    @Test
    void aPoolTimeoutOrARefusedConnectionUnderAnyWrapperIsAnOutage() {
        var refused = new SQLException("Connection to localhost:5432 refused", "08001");
        var timeout = new SQLTransientConnectionException("HikariPool-1 - Connection is not available", refused);
        assertThat(DatabaseOutage.isCause(new RuntimeException(new CannotCreateTransactionException("open", timeout)))).isTrue();
        assertThat(DatabaseOutage.isCause(new IllegalStateException("wrapped", refused))).isTrue();
    }

    @Test
    void theServerShuttingDownOrARollbackOnAnEvictedConnectionIsAnOutage() {
        assertThat(DatabaseOutage.isCause(new RuntimeException(
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")))).isTrue();
        var rollback = new JpaSystemException(new TransactionException("Unable to rollback against JDBC Connection",
                new SQLException("Connection is closed")));
        assertThat(DatabaseOutage.isCause(rollback)).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertThat(DatabaseOutage.isCause(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(DatabaseOutage.isCause(new SQLException("invalid byte sequence", "22021"))).isFalse();
        assertThat(DatabaseOutage.isCause(new IllegalArgumentException("bad"))).isFalse();
    }
}
