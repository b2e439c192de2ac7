package io.gatehouse.signin;

import java.util.Optional;
import java.util.UUID;

import io.gatehouse.factor.BackupCodeService;
import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.stereotype.Component;

/** One of the account's backup codes, spent on use. */
@Component
class BackupCodeStrategy implements SecondFactorStrategy {

	private final BackupCodeService backupCodes;

	BackupCodeStrategy(BackupCodeService backupCodes) {
		this.backupCodes = backupCodes;
	}

	@Override
	public SecondFactorService.Kind kind() {
		return SecondFactorService.Kind.BACKUP_CODE;
	}

	@Override
	public Optional<Rejection> verify(SignInFlow flow, UUID accountId, Proof proof, RequestContext context) {
		if (!(proof instanceof Proof.Code code)) {
			throw SecondFactorStrategy.wrongProof(kind(), proof);
		}
		return this.backupCodes.use(accountId, code.code(), context);
	}
}
