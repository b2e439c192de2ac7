package io.gatehouse.audit.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.gatehouse.audit.AuditChains;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public half of the key that signs the audit chains' checkpoints (docs/audit.md). */
@RestController
class AuditKeyApi {

	private final AuditChains chains;

	AuditKeyApi(AuditChains chains) {
		this.chains = chains;
	}

	@GetMapping("/.well-known/gatehouse-audit-key")
	ResponseEntity<Map<String, String>> key() {
		AuditChains.PublishedKey key = this.chains.publishedKey();
		Map<String, String> out = new LinkedHashMap<>();
		out.put("algorithm", "Ed25519");
		out.put("keyId", key.keyId());
		out.put("publicKey", key.publicKey());
		out.put("pem", key.pem());
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic()).body(out);
	}
}
