package io.gatehouse.shared;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * Independent queries of several modules sent to PostgreSQL in one round trip: a hot path that needs
 * three small reads (a sign-in, after the password: the account's factors, its known device, its recent
 * places) pays one network wait instead of three. Each module adds its own query and gets its answer
 * once {@link Batch#run()} has run; what the queries read stays each module's business.
 *
 * <p>A query may be a locking read ({@code … returning} of a row it locks, as the security event log's
 * chain head). Inside a transaction, {@link CommitWrites#sendWaitingWith} puts the transaction's waiting
 * writes in front of a batch, so that they and the batch's queries cost one round trip together.
 */
@Component
public class Reads {

	/** Statements with named parameters are parsed once: they are constants of the code, so few. */
	private static final int PARSED_KEPT = 256;

	private final JdbcTemplate jdbc;

	private final Map<String, ParsedSql> parsed = new ConcurrentHashMap<>();

	Reads(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A new, empty batch. */
	public Batch batch() {
		return new Batch(this.jdbc, this::parse);
	}

	private ParsedSql parse(String sql) {
		ParsedSql known = this.parsed.get(sql);
		if (known != null) {
			return known;
		}
		ParsedSql fresh = NamedParameterUtils.parseSqlStatement(sql);
		if (this.parsed.size() < PARSED_KEPT) {
			this.parsed.put(sql, fresh);
		}
		return fresh;
	}

	/** Queries waiting to be sent together; use once. */
	public static final class Batch {

		private final JdbcTemplate jdbc;

		private final List<Query<?>> queries = new ArrayList<>();

		/** Statements without an answer, sent before the queries ({@link CommitWrites#sendWaitingWith}). */
		private final List<MultiStatement.Part> writesFirst = new ArrayList<>();

		private final Function<String, ParsedSql> parse;

		private boolean ran;

		Batch(JdbcTemplate jdbc, Function<String, ParsedSql> parse) {
			this.jdbc = jdbc;
			this.parse = parse;
		}

		/**
		 * Adds a query (positional {@code ?} parameters) and returns its answer, readable after {@link #run()}.
		 */
		public <T> Supplier<T> add(String sql, List<?> params, ResultSetExtractor<T> extract) {
			if (this.ran) {
				throw new IllegalStateException("this batch has run already");
			}
			Query<T> query = new Query<>(sql, params, extract);
			this.queries.add(query);
			return query::answer;
		}

		/**
		 * Adds a query with named parameters ({@code :name}), as {@link #add} does with positional ones: for a
		 * module whose statement is written with names.
		 */
		public <T> Supplier<T> addNamed(String sql, SqlParameterSource params, ResultSetExtractor<T> extract) {
			ParsedSql parsed = this.parse.apply(sql);
			return add(NamedParameterUtils.substituteNamedParameters(parsed, params),
					Arrays.asList(NamedParameterUtils.buildValueArray(parsed, params, null)), extract);
		}

		/** Puts writes in front of the queries: they run first, in this order, and answer nothing. */
		void writeFirst(List<MultiStatement.Part> writes) {
			if (this.ran) {
				throw new IllegalStateException("this batch has run already");
			}
			this.writesFirst.addAll(writes);
		}

		/** Sends every statement in one statement text and reads the queries' answers in order. */
		public void run() {
			if (this.ran) {
				throw new IllegalStateException("this batch has run already");
			}
			this.ran = true;
			if (this.queries.isEmpty() && this.writesFirst.isEmpty()) {
				return;
			}
			List<MultiStatement.Part> parts = new ArrayList<>(this.writesFirst);
			this.queries.forEach(q -> parts.add(q.part));
			MultiStatement.execute(this.jdbc, parts, statement -> {
				statement.execute();
				for (int i = 0; i < this.writesFirst.size(); i++) {
					if (statement.getUpdateCount() < 0) {
						throw new IllegalStateException("a write sent with a batch returned rows: " + this.writesFirst.get(i).sql());
					}
					statement.getMoreResults();
				}
				for (Query<?> q : this.queries) {
					try (ResultSet rs = statement.getResultSet()) {
						if (rs == null) {
							throw new IllegalStateException("a batched read returned no rows set: " + q.part.sql());
						}
						q.read(rs);
					}
					statement.getMoreResults();
				}
				return null;
			});
		}
	}

	private static final class Query<T> {

		final MultiStatement.Part part;

		final ResultSetExtractor<T> extract;

		private @Nullable T answer;

		private boolean answered;

		Query(String sql, List<?> params, ResultSetExtractor<T> extract) {
			this.part = new MultiStatement.Part(sql, params);
			this.extract = extract;
		}

		void read(ResultSet rs) throws java.sql.SQLException {
			this.answer = this.extract.extractData(rs);
			this.answered = true;
		}

		T answer() {
			if (!this.answered) {
				throw new IllegalStateException("the batch has not run yet");
			}
			return java.util.Objects.requireNonNull(this.answer, "a batched read's extractor returned null");
		}
	}
}
