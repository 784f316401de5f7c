package dev.mosaic.server.outage;

import dev.mosaic.server.web.ProblemWriter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * PostgreSQL cannot be reached (stopped, restarting, network): the answer is 503 with {@code Retry-After},
 * whichever layer noticed it first (the session lookup, a command's transaction, a query).
 */
@Component
class DatabaseOutage {
    static final int RETRY_AFTER_SECONDS = 5;
    private final ProblemWriter problems;

    DatabaseOutage(ProblemWriter problems) {
        this.problems = problems;
    }

    static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof SQLException sql && (connectionLost(sql.getSQLState()) || closedByPool(sql))) {
                return true;
            }
        }
        return false;
    }

    /** Class 08 is a connection exception; 57P01..57P03 are the server shutting down or starting up. */
    private static boolean connectionLost(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"));
    }

    /**
     * Hikari's stand-in for a connection it evicted as broken (no SQL state): a rollback after the database
     * went away fails with this and replaces the original failure.
     */
    private static boolean closedByPool(SQLException e) {
        return e.getSQLState() == null && "Connection is closed".equals(e.getMessage());
    }

    void answer(HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        problems.write(response, ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE,
                "The database cannot be reached right now; try again in a few seconds."));
    }
}
