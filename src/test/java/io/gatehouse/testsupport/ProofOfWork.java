package io.gatehouse.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.altcha.altcha.Altcha;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Solves ALTCHA challenges the way a client does: fetch, brute-force the number, send the base64 payload. */
public final class ProofOfWork {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProofOfWork() {
	}

	/** Fetches a challenge for the action and returns its solved payload. */
	public static String solve(ApiClient api, String action) {
		ApiClient.Response challenge = api.get("/api/v1/captcha/challenge?action=" + action, null);
		if (challenge.status() != 200) {
			throw new IllegalStateException("no challenge: " + challenge.body());
		}
		return solve(challenge.json());
	}

	public static String solve(JsonNode challenge) {
		try {
			Altcha.Solution solution = Altcha.solveChallenge(challenge.path("challenge").asString(),
					challenge.path("salt").asString(), Altcha.Algorithm.fromString(challenge.path("algorithm").asString()),
					challenge.path("maxnumber").asLong(), 0);
			if (solution == null) {
				throw new IllegalStateException("challenge has no solution");
			}
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("algorithm", challenge.path("algorithm").asString());
			payload.put("challenge", challenge.path("challenge").asString());
			payload.put("number", solution.number);
			payload.put("salt", challenge.path("salt").asString());
			payload.put("signature", challenge.path("signature").asString());
			return Base64.getEncoder().encodeToString(JSON.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}
}
