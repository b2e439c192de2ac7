package io.gatehouse.risk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The risk_sign_ins table: where and when each account signed in, as the baseline for the next. */
@Repository
class SignInPlaces {

	private static final int HISTORY = 50;

	private final JdbcClient jdbc;

	SignInPlaces(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Place(Instant at, String ip, @Nullable String country, @Nullable Long asn) {
	}

	void record(UUID accountId, Place place) {
		this.jdbc.sql("insert into risk_sign_ins (account_id, occurred_at, ip, country, asn) values (?, ?, ?, ?, ?)")
			.params(Arrays.asList(accountId, Timestamp.from(place.at()), place.ip(), place.country(), place.asn()))
			.update();
	}

	/**
	 * Among the account's latest sign-ins, the newest from each (country, network) pair, newest first: the
	 * first is the latest sign-in of all. That is all a risk decision asks of the history (the last place,
	 * and which countries and networks it saw lately), in one row per place instead of one per sign-in.
	 */
	List<Place> latestPerPlace(UUID accountId) {
		return this.jdbc.sql(LATEST_PER_PLACE).params(accountId, HISTORY).query((rs, n) -> place(rs)).list();
	}

	private static final String LATEST_PER_PLACE = """
			select occurred_at, ip, country, asn from (
			    select distinct on (country, asn) occurred_at, id, ip, country, asn
			      from (select occurred_at, id, ip, country, asn from risk_sign_ins
			             where account_id = ? order by occurred_at desc, id desc limit ?) history
			     order by country, asn, occurred_at desc, id desc) places
			 order by occurred_at desc, id desc""";

	private static Place place(ResultSet rs) throws SQLException {
		return new Place(rs.getTimestamp("occurred_at").toInstant(), rs.getString("ip"), rs.getString("country"),
				rs.getObject("asn") == null ? null : rs.getLong("asn"));
	}

	void deleteBefore(Instant cutoff) {
		this.jdbc.sql("""
				delete from risk_sign_ins r where r.occurred_at < ?
				   and exists (select 1 from risk_sign_ins n where n.account_id = r.account_id and n.occurred_at > r.occurred_at)""")
			.param(Timestamp.from(cutoff))
			.update();
	}
}
