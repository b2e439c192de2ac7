package io.gatehouse.shared;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * Several statements with positional parameters as one statement text: pgjdbc sends them in one round
 * trip and returns their results in order. Shared by {@link CommitWrites} and {@link Reads}.
 */
final class MultiStatement {

	private MultiStatement() {
	}

	/** One statement of the text, with its parameters in order (never printed: they may be keyed hashes). */
	record Part(String sql, List<?> params) {

		@Override
		public String toString() {
			return "Part[" + this.sql + ", " + this.params.size() + " parameters]";
		}
	}

	/** Prepares the joined text, binds every part's parameters and hands the statement to {@code use}. */
	static <T> T execute(JdbcTemplate jdbc, List<? extends Part> parts, PreparedStatementCallback<T> use) {
		StringBuilder sql = new StringBuilder();
		for (Part p : parts) {
			sql.append(sql.isEmpty() ? "" : ";\n").append(p.sql());
		}
		return jdbc.execute(sql.toString(), (PreparedStatement statement) -> {
			bind(statement, parts);
			return use.doInPreparedStatement(statement);
		});
	}

	private static void bind(PreparedStatement statement, List<? extends Part> parts) throws SQLException {
		int index = 1;
		for (Part p : parts) {
			for (Object value : p.params()) {
				StatementCreatorUtils.setParameterValue(statement, index++, SqlTypeValue.TYPE_UNKNOWN, value);
			}
		}
	}
}
