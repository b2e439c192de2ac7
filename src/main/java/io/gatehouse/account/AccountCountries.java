package io.gatehouse.account;

import java.util.Optional;
import java.util.UUID;

import io.gatehouse.geo.DeclaredCountries;

import org.springframework.stereotype.Component;

/** The region rules' view of an account: the country of residence it declared at sign-up. */
@Component
class AccountCountries implements DeclaredCountries {

	private final Accounts accounts;

	AccountCountries(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public Optional<String> of(UUID accountId) {
		return this.accounts.find(accountId).map(a -> a.country().code());
	}
}
