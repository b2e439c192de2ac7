package io.gatehouse.kucoin.api;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** A database out of reach answers in KuCoin's envelope with a code ccxt retries, never a 500. */
class KucoinErrorsTests {

	@Test
	void unavailableWhenTheDatabaseCannotBeReachedThen500000WithHttp503() {
		ResponseEntity<?> answer = new KucoinErrors().unavailable(new CannotGetJdbcConnectionException("pool"));
		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		assertThat(((Map<?, ?>) java.util.Objects.requireNonNull(answer.getBody())).get("code")).isEqualTo("500000");
	}
}
