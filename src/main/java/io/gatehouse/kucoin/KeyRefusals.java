package io.gatehouse.kucoin;

import java.util.Map;
import java.util.UUID;

import io.gatehouse.apikey.ApiKey;
import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A correctly signed request its key may not make (the permission, or the caller's address) goes to the
 * account's security log as {@code authz_fail} (AK-02): the owner sees a key used beyond its rights. Requests
 * that fail before the signature is proven are not logged against the account: anyone could write those.
 */
@Component
class KeyRefusals {

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	KeyRefusals(ApplicationEventPublisher events, TransactionTemplate tx) {
		this.events = events;
		this.tx = tx;
	}

	void refused(ApiKey key, KucoinError error, String method, String path, ClientIp ip) {
		this.tx.executeWithoutResult(s -> this.events.publishEvent(new KeyRefused(key.accountId(), key.apiKey(),
				error.code(), method + " " + path, RequestContext.of(ip, "kucoin-api"))));
	}

	/** A signed request refused for its key's rights. */
	record KeyRefused(UUID accountId, String apiKey, String code, String request, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "authz_fail";
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public String reason() {
			return this.code;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("key", this.apiKey, "request", this.request);
		}
	}
}
