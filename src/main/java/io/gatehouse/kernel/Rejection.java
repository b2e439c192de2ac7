package io.gatehouse.kernel;

/**
 * An expected refusal: a stable snake_case wire code, its {@link Kind} and a message a person can act
 * on. Features list theirs as enum constants in precedence order, each holding a {@link Definition}.
 * The kind says what went wrong in the domain's words; each surface translates it to its own wire (an
 * HTTP status for problem+json, a code in the KuCoin envelope), so no domain type knows HTTP.
 */
public interface Rejection {

	Definition definition();

	default String code() {
		return definition().code();
	}

	default Kind kind() {
		return definition().kind();
	}

	default String message() {
		return definition().message();
	}

	static Definition of(String code, Kind kind, String message) {
		return new Definition(code, kind, message);
	}

	record Definition(String code, Kind kind, String message) {

		public Definition {
			if (!code.matches("[a-z][a-z0-9_]*")) {
				throw new IllegalArgumentException("rejection codes are snake_case");
			}
		}
	}

	/** What kind of refusal it is, independent of any wire. */
	enum Kind {
		/** The request is malformed or a value is not acceptable. */
		INVALID,
		/** Nobody (or not the right person) is signed in, or the credentials are wrong. */
		UNAUTHENTICATED,
		/** The actor is known but may not do this. */
		FORBIDDEN,
		/** The thing asked for does not exist (or is not the actor's to see). */
		NOT_FOUND,
		/** The request clashes with the current state: already done, in the wrong state, waiting. */
		CONFLICT,
		/** The thing existed but is used up or over for good. */
		GONE,
		/** A body larger than the limit. */
		TOO_LARGE,
		/** A body of a type that is not accepted. */
		UNSUPPORTED_TYPE,
		/** Well-formed, but its content breaks a rule (a policy, a check of a document). */
		UNPROCESSABLE,
		/** A challenge (such as a CAPTCHA) must be answered first. */
		CHALLENGE_REQUIRED,
		/** Too many requests: wait and try again. */
		RATE_LIMITED,
		/** Not allowed from where the request comes from (the region rules). */
		REGION_RESTRICTED,
		/** A service this depends on cannot be reached now. */
		UNAVAILABLE
	}
}
