/**
 * Lost-second-factor and unfreeze recovery cases (PRODUCT.md 1.7, security-tests.md B9; the states in
 * {@code RecoveryCase.md}): the owner's side ({@code CaseOpening}, {@code CaseProofs},
 * {@code CaseDocuments}, {@code CaseCancellation}), the reviewers' side ({@code CaseReviewService}) and the
 * scheduled {@code CaseCompleter}.
 */
@org.springframework.modulith.NamedInterface("cases")
@org.jspecify.annotations.NullMarked
package io.gatehouse.recovery.cases;
