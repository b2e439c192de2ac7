package io.gatehouse.factor;

import java.util.Optional;
import java.util.UUID;

import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.stereotype.Service;

/**
 * The second factors that are typed codes the account holds itself: the authenticator app's and the
 * backup codes. Each check counts in the account's second-factor throttle; a right code is spent.
 */
@Service
public class CodeFactors {

	private final TotpService totp;

	private final BackupCodeService backupCodes;

	CodeFactors(TotpService totp, BackupCodeService backupCodes) {
		this.totp = totp;
		this.backupCodes = backupCodes;
	}

	/** Empty when the code is right for this kind; only {@code TOTP} and {@code BACKUP_CODE} are codes. */
	public Optional<Rejection> verify(UUID accountId, SecondFactorService.Kind kind, String code,
			RequestContext context) {
		return switch (kind) {
			case TOTP -> this.totp.verify(accountId, code, context);
			case BACKUP_CODE -> this.backupCodes.use(accountId, code, context);
			case PASSKEY, SMS -> throw new IllegalArgumentException(kind + " is not a code the account holds");
		};
	}
}
