package io.gatehouse.shared;

import java.util.UUID;

/**
 * The authenticated principal of a request: who is signed in, and through which session. Set by the
 * session module's authentication filter; read by every feature's web and API layer.
 */
public record CurrentSession(UUID accountId, UUID sessionId) {
}
