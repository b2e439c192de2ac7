package io.gatehouse.signin;

import io.gatehouse.factor.CodeFactors;
import io.gatehouse.factor.SecondFactorService;

import org.springframework.stereotype.Component;

/** One of the account's backup codes, spent on use. */
@Component
class BackupCodeStrategy extends CodeStrategy {

	BackupCodeStrategy(CodeFactors codes) {
		super(codes, SecondFactorService.Kind.BACKUP_CODE);
	}
}
