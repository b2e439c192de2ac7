package io.gatehouse.kucoin.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gatehouse.kucoin.KucoinError;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Bad input on the KuCoin endpoints answers in KuCoin's envelope (400100), never problem+json or a 500: a
 * missing or mistyped query parameter, and anything else that slipped through (500000, without details).
 */
@RestControllerAdvice(assignableTypes = { KucoinSpotApi.class, KucoinFuturesApi.class, KucoinMoneyApi.class, KucoinSubAccountApi.class,
		KucoinTimeApi.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class KucoinErrors {

	private static final Logger LOG = LoggerFactory.getLogger(KucoinErrors.class);

	@ExceptionHandler({ MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
			MissingRequestHeaderException.class })
	ResponseEntity<?> badParameter(Exception ex) {
		return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "check the query parameters");
	}

	/** The database out of reach (a failover): KuCoin's 500000 with HTTP 503, which ccxt treats as retryable. */
	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessException.class })
	ResponseEntity<?> unavailable(RuntimeException ex) {
		LOG.warn("The database is out of reach on a KuCoin endpoint: {}", ex.getClass().getName());
		return KucoinEnvelope.error(KucoinError.UNAVAILABLE, "");
	}

	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<?> unexpected(RuntimeException ex) {
		LOG.error("Unexpected failure on a KuCoin endpoint", ex);
		return KucoinEnvelope.error(KucoinError.INTERNAL, "");
	}
}
