package io.gatehouse.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Normalisation (PRODUCT.md §1.1) and LG-05: variants of one identifier name one account. */
class IdentifierTests {

	@ParameterizedTest
	@ValueSource(strings = { "User@X.com", "user@x.com", " user@x.com ", "\uff35ser@\uff38.com", "USER@X.COM\t" })
	void parseWhenEmailVariantThenOneCanonicalForm(String raw) {
		assertThat(Identifier.parse(raw)).contains(new EmailAddress("user@x.com"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "+44 7911 123456", "+447911123456", "+44 (7911) 123-456", "\uff0b447911123456" })
	void parseWhenPhoneVariantThenE164(String raw) {
		assertThat(Identifier.parse(raw)).contains(new PhoneNumber("+447911123456"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "plainaddress", "@x.com", "a@", "a@b", "a@@b.com", "a b@c.com", "a@b..com",
			"a\r\n@b.com", "07700900123", "+1", "+99912345678901234", "+44 7911 123456 ext 5" })
	void parseWhenMalformedThenEmpty(String raw) {
		assertThat(Identifier.parse(raw)).isEmpty();
	}

	@Test
	void parseWhenTenKilobytesThenEmptyWithoutParsing() {
		assertThat(Identifier.parse("a".repeat(10_000) + "@example.com")).isEmpty();
	}

	@Test
	void maskedWhenShownThenHidesMostOfIdentifier() {
		assertThat(new EmailAddress("satoshi@example.com").masked()).isEqualTo("s***@example.com");
		assertThat(new PhoneNumber("+447911123456").masked()).isEqualTo("+447****456");
	}
}
