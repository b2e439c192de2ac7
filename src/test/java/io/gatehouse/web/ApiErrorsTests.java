package io.gatehouse.web;

import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database out of reach (a failover, as docs/production.md describes) is not a fault of the request: the JSON API
 * answers 503 with Retry-After and a stable code, never a 500.
 */
class ApiErrorsTests {

	@Test
	void unavailableWhenTheDatabaseCannotBeReachedThen503WithRetryAfter() {
		ApiErrors errors = new ApiErrors();
		for (Exception ex : new Exception[] {
				new CannotGetJdbcConnectionException("pool", new SQLTransientConnectionException("timeout")),
				new CannotCreateTransactionException("no connection"), new QueryTimeoutException("slow") }) {
			ResponseEntity<Object> answer = errors.unavailable(ex);
			assertThat(answer.getStatusCode().value()).as(ex.getClass().getSimpleName()).isEqualTo(503);
			assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
			assertThat(((ProblemDetail) answer.getBody()).getProperties()).containsEntry("code", "service_unavailable");
		}
	}
}
