package io.gatehouse.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Device names reach security emails: only known browser and system names may come out. */
class DeviceNamesTests {

	final DeviceNames names = new DeviceNames();

	@Test
	void describeWhenCommonBrowsersThenFamiliarNames() {
		assertThat(this.names.describe(
				"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"))
			.isEqualTo("Chrome 131 on Linux");
		assertThat(this.names.describe(
				"Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"))
			.isEqualTo("Mobile Safari 17 on iOS");
	}

	@Test
	void describeWhenUserAgentCarriesAMessageThenNoneOfItComesOut() {
		String name = this.names.describe("URGENT: account compromised, call +1 800 555 0100 or visit "
				+ "gatehouse-help.example/1.0 CFNetwork/1.0 Darwin/20.0");
		assertThat(name).doesNotContain("URGENT").doesNotContain("800").doesNotContain("gatehouse-help");
	}

	@Test
	void describeWhenEmptyOrUnknownThenGeneric() {
		assertThat(this.names.describe("")).isEqualTo("Unknown device");
		assertThat(this.names.describe("TotallyCustomClient/9")).isEqualTo("Unknown browser");
	}
}
