package dev.tuneloop.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Every value of every character column (text, varchar, char, clob) of every table in the connection's current schema,
 * found through {@code information_schema.columns}, so a column added by a later migration is searched too.
 */
final class StoredTexts {
    private static final String COLUMNS = "SELECT table_name, column_name FROM information_schema.columns"
            + " WHERE table_schema = CURRENT_SCHEMA AND (UPPER(data_type) LIKE '%CHAR%'"
            + " OR UPPER(data_type) IN ('TEXT', 'CLOB', 'CHARACTER LARGE OBJECT', 'JSON', 'JSONB'))"
            + " ORDER BY table_name, column_name";

    private StoredTexts() {}

    static Map<String, List<String>> of(DataSource ds) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = ds.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(COLUMNS);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            if (columns.isEmpty()) {
                throw new AssertionError("information_schema lists no character columns in the current schema");
            }
            for (String[] tc : columns) {
                List<String> values = new ArrayList<>();
                try (Statement s = c.createStatement();
                        ResultSet rs =
                                s.executeQuery("SELECT CAST(\"" + tc[1] + "\" AS VARCHAR) FROM \"" + tc[0] + "\"")) {
                    while (rs.next()) {
                        values.add(rs.getString(1));
                    }
                }
                out.put(tc[0] + "." + tc[1], values);
            }
        } catch (SQLException e) {
            throw new AssertionError("could not read the stored texts", e);
        }
        return out;
    }
}
