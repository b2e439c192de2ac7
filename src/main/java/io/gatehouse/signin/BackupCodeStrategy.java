package io.gatehouse.signin;

import java.util.Optional;
import java.util.UUID;

import io.gatehouse.factor.BackupCodes;
import io.gatehouse.factor.SecondFactors;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.stereotype.Component;

/** One of the account's backup codes, spent on use. */
@Component
class BackupCodeStrategy implements SecondFactorStrategy {

	private final BackupCodes backupCodes;

	BackupCodeStrategy(BackupCodes backupCodes) {
		this.backupCodes = backupCodes;
	}

	@Override
	public SecondFactors.Kind kind() {
		return SecondFactors.Kind.BACKUP_CODE;
	}

	@Override
	public Optional<Rejection> verify(SignInFlow flow, UUID accountId, Proof proof, RequestContext context) {
		if (!(proof instanceof Proof.Code code)) {
			throw SecondFactorStrategy.wrongProof(kind(), proof);
		}
		return this.backupCodes.use(accountId, code.code(), context);
	}
}
