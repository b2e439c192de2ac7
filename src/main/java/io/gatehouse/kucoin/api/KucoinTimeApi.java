package io.gatehouse.kucoin.api;

import java.time.Clock;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What both hosts answer alike and without a key: the server's time (clients sync to it) and its status. */
@RestController
class KucoinTimeApi {

	private final Clock clock;

	KucoinTimeApi(Clock clock) {
		this.clock = clock;
	}

	@GetMapping({ "/kucoin/spot/api/v1/timestamp", "/kucoin/futures/api/v1/timestamp" })
	ResponseEntity<?> timestamp() {
		return KucoinEnvelope.ok(this.clock.millis());
	}

	@GetMapping({ "/kucoin/spot/api/v1/status", "/kucoin/futures/api/v1/status" })
	ResponseEntity<?> status() {
		return KucoinEnvelope.ok(Map.of("status", "open", "msg", ""));
	}
}
