/**
 * Identity verification (KYC, PRODUCT.md 1.9): an owner applies with their legal name, date of birth,
 * country of residence, an ID document photo and a selfie (each checked and rebuilt by
 * {@link io.gatehouse.kyc.IdentityDocuments}, which recovery cases use too); a reviewer approves (sets the
 * account's KYC level, which sets its withdrawal limit) or rejects with a reason. What the owner gave is
 * kept sealed and shown only to reviewers.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "crypto", "kernel", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.kyc;
