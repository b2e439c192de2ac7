package io.gatehouse.testsupport;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.web.server.LocalServerPort;

/** Base of tests that talk to the running application over HTTP: a client and test accounts on its port. */
public abstract class ApiTest {

	@LocalServerPort
	protected int port;

	protected ApiClient api;

	protected TestAccounts accounts;

	@BeforeEach
	void connect() {
		this.api = new ApiClient(this.port);
		this.accounts = new TestAccounts(this.api);
	}
}
