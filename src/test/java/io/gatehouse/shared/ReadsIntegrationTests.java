package io.gatehouse.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Several modules' queries in one round trip: each gets its own answer, in the order they were added. */
@IntegrationTest
class ReadsIntegrationTests {

	@Autowired
	Reads reads;

	@Test
	void batchWhenRunThenEachQueryGetsItsOwnAnswer() {
		Reads.Batch batch = this.reads.batch();
		Supplier<Integer> one = batch.add("select ?::int + 1 as n", List.of(41), rs -> rs.next() ? rs.getInt("n") : -1);
		Supplier<List<String>> many = batch.add("select s from (values ('a'), ('b'), ('c')) v(s) where s <> ? order by s",
				List.of("b"), rs -> {
					List<String> rows = new ArrayList<>();
					while (rs.next()) {
						rows.add(rs.getString("s"));
					}
					return rows;
				});
		Supplier<Boolean> none = batch.add("select 1 where false", List.of(), rs -> rs.next());

		assertThatIllegalStateException().isThrownBy(one::get);
		batch.run();

		assertThat(one.get()).isEqualTo(42);
		assertThat(many.get()).containsExactly("a", "c");
		assertThat(none.get()).isFalse();
		assertThatIllegalStateException().isThrownBy(batch::run);
	}

	@Test
	void batchWhenAQueryHasNamedParametersThenTheyAreBoundByName() {
		Reads.Batch batch = this.reads.batch();
		Supplier<Integer> positional = batch.add("select ?::int as n", List.of(1), rs -> rs.next() ? rs.getInt("n") : -1);
		org.springframework.jdbc.core.namedparam.MapSqlParameterSource params = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
			.addValue("b", 10)
			.addValue("a", 3)
			.addValue("absent", null);
		Supplier<String> named = batch.addNamed("select (:a::int * :b::int + :a::int)::text || coalesce(cast(:absent as text), '') as s",
				params, rs -> rs.next() ? rs.getString("s") : "none");
		Supplier<String> again = batch.addNamed("select (:a::int * :b::int + :a::int)::text || coalesce(cast(:absent as text), '') as s",
				params.addValue("a", 4), rs -> rs.next() ? rs.getString("s") : "none");

		batch.run();

		assertThat(positional.get()).isEqualTo(1);
		assertThat(named.get()).isEqualTo("33");
		assertThat(again.get()).isEqualTo("44");
	}

	@Test
	void batchWhenAQueryFailsThenTheRunFailsAsADataAccessError() {
		Reads.Batch batch = this.reads.batch();
		batch.add("select 1", List.of(), rs -> rs.next());
		batch.add("select * from no_such_table", List.of(), rs -> rs.next());

		assertThatExceptionOfType(DataAccessException.class).isThrownBy(batch::run);
	}
}
