package dev.mosaic.query.common;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/**
 * Writes many rows with PostgreSQL's {@code COPY … FROM STDIN (FORMAT csv)} on the transaction's connection: one round
 * trip and no per-row statement. Values are written as text (null as an empty unquoted field, timestamps as ISO
 * instants); the columns named in {@code copy} take them in order.
 */
public final class CopyRows {
    private CopyRows() {
    }

    /** {@code copy} is the statement, e.g. {@code copy t (a, b) from stdin (format csv)}. */
    public static void copy(JdbcTemplate jdbc, String copy, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder csv = new StringBuilder(rows.size() * 256);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                Object value = row[i] instanceof Timestamp at ? at.toInstant() : row[i];
                if (value != null) {
                    csv.append('"').append(value.toString().replace("\"", "\"\"")).append('"');
                }
            }
            csv.append('\n');
        }
        DataSource dataSource = jdbc.getDataSource();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(csv.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("writing rows with COPY failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
