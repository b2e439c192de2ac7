package io.gatehouse.recovery.cases;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.gatehouse.factor.totp.Base32;
import io.gatehouse.factor.totp.Totp;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.Await;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;
import io.gatehouse.testsupport.ThroughTrustedProxy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lost second factor and unfreeze (PRODUCT.md 1.7) against security-tests.md B9 (RC-01..RC-07): the owner's
 * side over the JSON API, the reviewer's decisions through the service the staff console calls.
 */
@ThroughTrustedProxy
class RecoveryCaseIntegrationTests extends ApiTest {

	private static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

	private static final Pattern CANCEL = Pattern.compile("http\\S+/recovery/cancel\\?token=(ghx_[A-Za-z0-9_-]{43})");

	private static final AtomicInteger NETWORKS = new AtomicInteger();

	private static final RequestContext STAFF_DESK = RequestContext.of(ClientIp.of("10.9.8.7"), "staff console");

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CaseReviewService service;

	@Autowired
	CaseCompleter completer;

	private final Actor.Staff reviewer = staff("rita", Actor.Staff.Role.REVIEWER);

	private final Actor.Staff secondReviewer = staff("rolf", Actor.Staff.Role.REVIEWER);

	private final Actor.Staff support = staff("sam", Actor.Staff.Role.SUPPORT);

	static String freshIp() {
		int n = NETWORKS.incrementAndGet();
		return "100.66." + (n % 250) + "." + (1 + n / 250 % 250);
	}

	private static Actor.Staff staff(String name, Actor.Staff.Role role) {
		return new Actor.Staff(UUID.randomUUID(), name, Set.of(role), UUID.randomUUID());
	}

	// ---- the owner's side --------------------------------------------------------------------------

	@Test
	void rc07StartWhenPasswordWrongOrAccountUnknownThenTheSameAnswer() {
		String email = this.accounts.create();
		ApiClient.Response wrong = start(email, "not " + TestAccounts.PASSWORD, "lost_factor");
		ApiClient.Response unknown = start(TestAccounts.newEmail(), TestAccounts.PASSWORD, "lost_factor");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(unknown.status()).isEqualTo(401);
		assertThat(wrong.text("code")).isEqualTo("invalid_credentials");
		assertThat(unknown.body()).isEqualTo(wrong.body());
		assertThat(start(email, TestAccounts.PASSWORD, "lost_factor").text("code"))
			.as("no second factor: nothing to recover, sign in instead").isEqualTo("recovery_not_needed");
		assertThat(start(email, TestAccounts.PASSWORD, "sideways").text("code")).isEqualTo("recovery_kind_invalid");
	}

	@Test
	void rc07StartWhenManyWrongPasswordsThenThrottledLikeSignIn() {
		String email = this.accounts.create();
		String ip = freshIp();
		int refused = 0;
		for (int i = 0; i < 12; i++) {
			ApiClient.Response r = this.api.post("/api/v1/recovery/cases",
					Map.of("identifier", email, "password", "guess " + i, "kind", "lost_factor"), null,
					"X-Forwarded-For", freshIp());
			if (r.status() == 429) {
				refused++;
			}
		}
		assertThat(refused).as("the account's sign-in throttle counts recovery guesses").isPositive();
		assertThat(ip).isNotEmpty();
	}

	@Test
	void lostFactorWhenProvenReviewedAndWaitedThenEveryFactorGoesAndAFreshOneIsRequired() {
		Enrolled a = enrolled();
		String other = this.accounts.signInResponse(a.email(), TestAccounts.PASSWORD).body();
		assertThat(other).contains("second_factor");

		ApiClient.Response started = start(a.email(), TestAccounts.PASSWORD, "lost_factor");
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		String holder = started.text("caseToken");
		assertThat(started.text("status")).isEqualTo("collecting");
		assertThat(started.json().path("step").asInt()).isEqualTo(2);
		assertThat(started.json().path("of").asInt()).isEqualTo(4);
		// RC-03: told at once, with a cancel link.
		assertThat(TestMail.body(TestMail.awaitSubject(a.email(), "Account recovery started"))).containsPattern(CANCEL);

		assertThat(submit(holder).text("code")).as("proofs first").isEqualTo("recovery_case_incomplete");
		assertThat(prove(holder, "email", "000000").text("code")).isEqualTo("recovery_code_invalid");
		ApiClient.Response proven = prove(holder, "email", code(a.email()));
		assertThat(proven.status()).as(proven.body()).isEqualTo(200);
		assertThat(proven.json().path("step").asInt()).isEqualTo(3);
		assertThat(submit(holder).text("status")).isEqualTo("submitted");

		UUID caseId = UUID.fromString(started.text("id"));
		assertThat(this.service.open(this.reviewer, caseId, STAFF_DESK)).as("reading a case changes nothing")
			.hasValueSatisfying(v -> assertThat(v.recoveryCase().status()).isEqualTo(RecoveryCase.Status.SUBMITTED));
		assertThat(this.service.startReview(this.reviewer, caseId, STAFF_DESK))
			.isInstanceOf(CaseResult.Updated.class);
		assertThat(this.service.open(this.reviewer, caseId, STAFF_DESK)).hasValueSatisfying(v -> {
			assertThat(v.recoveryCase().status()).isEqualTo(RecoveryCase.Status.UNDER_REVIEW);
			assertThat(v.account().email()).isNotNull();
		});
		assertThat(this.service.decide(this.reviewer, caseId, true, "Codes proven from both channels; history consistent.",
				STAFF_DESK)).isInstanceOf(CaseResult.Updated.class);
		ApiClient.Response approved = view(holder);
		assertThat(approved.text("status")).isEqualTo("approved");
		assertThat(approved.text("completesAt")).isNotNull();
		assertThat(factorCount(a.accountId())).as("nothing changes during the waiting period").isEqualTo(1);

		this.clock.advance(Duration.ofHours(72).plusSeconds(1));
		try {
			Await.until("the case completes", Duration.ofSeconds(10),
					() -> Optional.of(view(holder)).filter(v -> v.text("status").equals("completed")));
			assertThat(factorCount(a.accountId())).as("RC-04: every factor and backup code removed").isZero();
			assertThat(this.jdbc.sql("select count(*) from backup_codes where account_id = ?::uuid").param(a.accountId())
				.query(Integer.class).single()).isZero();
			assertThat(this.jdbc.sql("""
					select count(*) from sessions where account_id = ?::uuid and revoke_reason = 'lost_factor_recovery'""")
				.param(a.accountId()).query(Integer.class).single()).as("sessions revoked").isPositive();
			assertThat(this.jdbc.sql("select count(*) from sessions where account_id = ?::uuid and revoked_at is null")
				.param(a.accountId()).query(Integer.class).single()).isZero();
			assertThat(this.jdbc.sql("select withdrawals_locked_until from accounts where id = ?::uuid")
				.param(a.accountId()).query(Timestamp.class).single().toInstant())
				.isAfterOrEqualTo(this.clock.instant().plus(Duration.ofHours(71)));
			assertThat(eventTypes(a.accountId())).contains("recovery_case_decided", "all_factors_removed",
					"api_keys_suspended", "recovery_case_completed");
			assertThat(this.jdbc.sql("""
					select actor from security_events where account_id = ?::uuid and type = 'recovery_case_decided'""")
				.param(a.accountId()).query(String.class).single()).isEqualTo(this.reviewer.auditName());

			// A new factor before anything sensitive: step-up refuses everything but enrolling one.
			String token = this.accounts.signIn(a.email(), TestAccounts.PASSWORD);
			ApiClient.Response stepUp = this.api.post("/api/v1/me/step-up",
					Map.of("action", "set_anti_phishing_code", "password", TestAccounts.PASSWORD), token);
			assertThat(stepUp.status()).isEqualTo(403);
			assertThat(stepUp.text("code")).isEqualTo("factor_enrolment_required");
			TestAccounts.Enrolment enrolment = this.accounts.startTotpEnrolment(token);
			assertThat(confirm(enrolment, 0).status()).isEqualTo(200);
			assertThat(this.api.post("/api/v1/me/step-up", Map.of("action", "set_anti_phishing_code", "code",
					totp(enrolment.secret(), 1)), enrolment.token()).status()).isEqualTo(200);
		}
		finally {
			this.clock.advance(Duration.ofHours(72).plusSeconds(1).negated());
		}
	}

	@Test
	void rc03CancelLinkWhenUsedBeforeCompletionThenTheCaseStopsAndNothingChanges() {
		Enrolled a = enrolled();
		ApiClient.Response started = start(a.email(), TestAccounts.PASSWORD, "lost_factor");
		String holder = started.text("caseToken");
		Matcher link = CANCEL.matcher(TestMail.body(TestMail.awaitSubject(a.email(), "Account recovery started")));
		assertThat(link.find()).isTrue();
		prove(holder, "email", code(a.email()));
		submit(holder);
		UUID caseId = UUID.fromString(started.text("id"));
		this.service.startReview(this.reviewer, caseId, STAFF_DESK);
		this.service.decide(this.reviewer, caseId, true, "Looks right to me, approving.", STAFF_DESK);
		assertThat(view(holder).text("status")).isEqualTo("approved");

		ApiClient.Response cancelled = this.api.post("/api/v1/recovery/cancel", Map.of("token", link.group(1)), null,
				"X-Forwarded-For", freshIp());
		assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
		assertThat(cancelled.text("status")).isEqualTo("cancelled");
		this.clock.advance(Duration.ofHours(73));
		try {
			this.completer.completeDue();
			assertThat(factorCount(a.accountId())).as("a cancelled case never completes").isEqualTo(1);
		}
		finally {
			this.clock.advance(Duration.ofHours(73).negated());
		}
		assertThat(this.api.post("/api/v1/recovery/cancel", Map.of("token", link.group(1)), null, "X-Forwarded-For",
				freshIp()).text("code")).isEqualTo("recovery_cancel_invalid");
		TestMail.awaitSubject(a.email(), "recovery was cancelled");
	}

	@Test
	void rc02TransitionsWhenOutOfOrderOrByTheWrongPeopleThenRefusedAndNothingMoves() {
		Enrolled a = enrolled();
		ApiClient.Response started = start(a.email(), TestAccounts.PASSWORD, "lost_factor");
		String holder = started.text("caseToken");
		UUID caseId = UUID.fromString(started.text("id"));
		String reason = "Approving without any proofs at all.";

		assertThat(refusal(this.service.decide(this.reviewer, caseId, true, reason, STAFF_DESK)))
			.as("approve while collecting").isEqualTo("recovery_transition_forbidden");
		assertThat(refusal(this.service.startReview(this.reviewer, caseId, STAFF_DESK)))
			.as("review while collecting").isEqualTo("recovery_transition_forbidden");
		ApiClient.Response patched = this.api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port
				+ "/api/v1/recovery/case")).method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"APPROVED\"}"))
			.header("Content-Type", "application/json"), null, "Recovery-Case", holder);
		assertThat(patched.status()).isEqualTo(403);
		assertThat(patched.text("code")).isEqualTo("recovery_transition_forbidden");

		prove(holder, "email", code(a.email()));
		submit(holder);
		assertThat(refusal(this.service.decide(this.reviewer, caseId, true, reason, STAFF_DESK)))
			.as("approve before anyone opened it for review").isEqualTo("recovery_transition_forbidden");
		assertThat(this.service.open(this.support, caseId, STAFF_DESK)).as("support does not review").isEmpty();
		assertThat(refusal(this.service.startReview(this.support, caseId, STAFF_DESK))).isEqualTo("recovery_review_forbidden");
		assertThat(this.service.queue(this.support)).isEmpty();
		assertThat(this.service.startReview(this.reviewer, caseId, STAFF_DESK))
			.isInstanceOf(CaseResult.Updated.class);
		assertThat(refusal(this.service.decide(this.support, caseId, true, reason, STAFF_DESK)))
			.isEqualTo("recovery_review_forbidden");
		assertThat(refusal(this.service.decide(this.reviewer, caseId, true, " ", STAFF_DESK)))
			.isEqualTo("recovery_review_reason_required");
		assertThat(submit(holder).text("code")).as("a client cannot move it on").isEqualTo("recovery_case_invalid");
		assertThat(view(holder).text("status")).isEqualTo("under_review");

		this.service.decide(this.reviewer, caseId, false, "Selfie does not match the ID photo.", STAFF_DESK);
		assertThat(view(holder).text("status")).isEqualTo("rejected");
		assertThat(refusal(this.service.decide(this.secondReviewer, caseId, true, reason, STAFF_DESK)))
			.isEqualTo("recovery_transition_forbidden");
		assertThat(refusal(this.service.startReview(this.secondReviewer, caseId, STAFF_DESK)))
			.as("a rejected case is not reopened").isEqualTo("recovery_transition_forbidden");
		this.clock.advance(Duration.ofHours(73));
		try {
			this.completer.completeDue();
		}
		finally {
			this.clock.advance(Duration.ofHours(73).negated());
		}
		assertThat(factorCount(a.accountId())).isEqualTo(1);
		TestMail.awaitSubject(a.email(), "recovery was not approved");
	}

	@Test
	void fourEyesWhenHighValueThenTwoDifferentReviewersAndConcurrentApprovalsBothCount() throws Exception {
		Enrolled a = enrolled();
		this.jdbc.sql("update accounts set high_value = true where id = ?::uuid").param(a.accountId()).update();
		ApiClient.Response started = start(a.email(), TestAccounts.PASSWORD, "lost_factor");
		String holder = started.text("caseToken");
		UUID caseId = UUID.fromString(started.text("id"));
		prove(holder, "email", code(a.email()));
		submit(holder);
		this.service.startReview(this.reviewer, caseId, STAFF_DESK);
		this.service.decide(this.reviewer, caseId, true, "First pair of eyes: fine.", STAFF_DESK);
		assertThat(view(holder).text("status")).as("one approval is not enough").isEqualTo("under_review");
		assertThat(refusal(this.service.decide(this.reviewer, caseId, true, "Me again, approving twice.", STAFF_DESK)))
			.as("the same reviewer twice is still one pair of eyes").isEqualTo("recovery_review_forbidden");
		this.service.decide(this.secondReviewer, caseId, true, "Second pair of eyes: fine.", STAFF_DESK);
		assertThat(view(holder).text("status")).isEqualTo("approved");

		// Two reviewers deciding at the same moment on another high-value case: both approvals count.
		Enrolled b = enrolled();
		this.jdbc.sql("update accounts set high_value = true where id = ?::uuid").param(b.accountId()).update();
		ApiClient.Response second = start(b.email(), TestAccounts.PASSWORD, "lost_factor");
		prove(second.text("caseToken"), "email", code(b.email()));
		submit(second.text("caseToken"));
		UUID secondId = UUID.fromString(second.text("id"));
		this.service.startReview(this.reviewer, secondId, STAFF_DESK);
		AtomicInteger turn = new AtomicInteger();
		Race.successes(2, () -> this.service.decide(turn.getAndIncrement() == 0 ? this.reviewer : this.secondReviewer,
				secondId, true, "Approved in parallel.", STAFF_DESK) instanceof CaseResult.Updated);
		assertThat(view(second.text("caseToken")).text("status")).isEqualTo("approved");
	}

	@Test
	void fourEyesWhenTheAccountIsFlaggedHighValueAfterTheCaseStartedThenStillTwoReviewers() {
		Enrolled a = enrolled();
		ApiClient.Response started = start(a.email(), TestAccounts.PASSWORD, "lost_factor");
		String holder = started.text("caseToken");
		UUID caseId = UUID.fromString(started.text("id"));
		prove(holder, "email", code(a.email()));
		submit(holder);
		// An admin flags the account while the case waits: the decision, not the start, decides how many eyes.
		this.jdbc.sql("update accounts set high_value = true where id = ?::uuid").param(a.accountId()).update();
		this.service.startReview(this.reviewer, caseId, STAFF_DESK);
		assertThat(this.service.current(this.reviewer, caseId).orElseThrow().recoveryCase().approvalsRequired())
			.as("reviewers are shown what the decision needs now").isEqualTo(2);

		this.service.decide(this.reviewer, caseId, true, "First pair of eyes: fine.", STAFF_DESK);

		assertThat(view(holder).text("status")).as("one approval is not enough any more").isEqualTo("under_review");
		this.service.decide(this.secondReviewer, caseId, true, "Second pair of eyes: fine.", STAFF_DESK);
		assertThat(view(holder).text("status")).isEqualTo("approved");
	}

	@Test
	void codesWhenFiveWrongThenTheCaseIsCancelled() {
		Enrolled a = enrolled();
		String holder = start(a.email(), TestAccounts.PASSWORD, "lost_factor").text("caseToken");
		for (int i = 0; i < 5; i++) {
			assertThat(prove(holder, "email", "00000" + i).text("code")).isIn("recovery_code_invalid", "recovery_case_invalid");
		}
		assertThat(view(holder).text("status")).isEqualTo("cancelled");
		assertThat(prove(holder, "email", code(a.email())).text("code")).isEqualTo("recovery_case_invalid");
	}

	@Test
	void rc05DocumentsWhenKycAccountThenCheckedSealedAndOnlyWithinTheirCase() throws IOException {
		Enrolled a = enrolled();
		this.jdbc.sql("update accounts set kyc_level = 1 where id = ?::uuid").param(a.accountId()).update();
		ApiClient.Response started = start(a.email(), TestAccounts.PASSWORD, "lost_factor");
		String holder = started.text("caseToken");
		assertThat(started.json().path("of").asInt()).as("password, email code, documents, review, waiting").isEqualTo(5);
		prove(holder, "email", code(a.email()));
		assertThat(submit(holder).text("code")).isEqualTo("recovery_case_incomplete");

		byte[] jpeg = image("jpeg", 640, 480);
		assertThat(upload(holder, "id_document", "image/gif", gif()).text("code")).isEqualTo("document_type");
		assertThat(upload(holder, "id_document", "application/pdf",
				"%PDF-1.7\n1 0 obj<<>>endobj\n".getBytes(StandardCharsets.US_ASCII)).text("code")).isEqualTo("document_type");
		assertThat(upload(holder, "id_document", "image/png", jpeg).text("code")).as("declared type must match")
			.isEqualTo("document_type");
		assertThat(upload(holder, "id_document", "image/jpeg", concat(jpeg, "<script>alert(1)</script>")).text("code"))
			.isEqualTo("document_polyglot");
		assertThat(upload(holder, "selfie", "image/png", concat(image("png", 640, 480), "PK\u0003\u0004zip")).text("code"))
			.isEqualTo("document_polyglot");
		assertThat(upload(holder, "selfie", "image/jpeg", new byte[0]).text("code")).isEqualTo("document_empty");
		assertThat(upload(holder, "selfie", "image/jpeg", image("jpeg", 100, 100)).text("code"))
			.isEqualTo("document_too_small");
		byte[] big = new byte[5 * 1024 * 1024 + 1];
		System.arraycopy(jpeg, 0, big, 0, jpeg.length);
		assertThat(upload(holder, "selfie", "image/jpeg", big).status()).isEqualTo(413);
		byte[] truncated = Arrays.copyOf(jpeg, 200);
		assertThat(upload(holder, "selfie", "image/jpeg", truncated).text("code")).isEqualTo("document_unreadable");
		assertThat(upload(holder, "passport_of_someone", "image/jpeg", jpeg).status()).isEqualTo(404);

		assertThat(upload(holder, "id_document", "image/jpeg", jpeg).status()).isEqualTo(200);
		assertThat(upload(holder, "selfie", "image/png", image("png", 480, 640)).status()).isEqualTo(200);
		assertThat(submit(holder).text("status")).isEqualTo("submitted");

		UUID caseId = UUID.fromString(started.text("id"));
		CaseReviewService.CaseView view = this.service.open(this.reviewer, caseId, STAFF_DESK).orElseThrow();
		assertThat(view.documents()).hasSize(2);
		UUID documentId = view.documents().getFirst().id();
		CaseReviewService.Evidence evidence = this.service.document(this.reviewer, caseId, documentId, STAFF_DESK)
			.orElseThrow();
		assertThat(ImageIO.read(new ByteArrayInputStream(evidence.bytes()))).isNotNull();
		byte[] sealed = this.jdbc.sql("select sealed from recovery_documents where id = ?").param(documentId)
			.query(byte[].class).single();
		assertThat(indexOf(sealed, Arrays.copyOfRange(evidence.bytes(), 0, 64))).as("stored encrypted")
			.isNegative();
		assertThat(this.service.document(this.support, caseId, documentId, STAFF_DESK)).as("reviewers only").isEmpty();

		// Another case's document id, asked for within this case: not found (IDOR).
		Enrolled b = enrolled();
		this.jdbc.sql("update accounts set kyc_level = 1 where id = ?::uuid").param(b.accountId()).update();
		ApiClient.Response otherCase = start(b.email(), TestAccounts.PASSWORD, "lost_factor");
		upload(otherCase.text("caseToken"), "id_document", "image/jpeg", jpeg);
		UUID otherId = UUID.fromString(otherCase.text("id"));
		assertThat(this.service.document(this.reviewer, otherId, documentId, STAFF_DESK)).isEmpty();
		assertThat(eventTypes(a.accountId())).contains("recovery_document_viewed", "recovery_document_refused");
	}

	@Test
	void unfreezeWhenApprovedThenActiveAgainWithACooldown() {
		String email = this.accounts.create();
		String session = this.accounts.signIn(email, TestAccounts.PASSWORD);
		assertThat(this.api.post("/api/v1/me/freeze", null, session).status()).isEqualTo(200);
		assertThat(start(email, TestAccounts.PASSWORD, "lost_factor").text("code")).isEqualTo("recovery_not_needed");
		ApiClient.Response started = start(email, TestAccounts.PASSWORD, "unfreeze");
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		assertThat(started.json().path("of").asInt()).as("password, email code, review").isEqualTo(3);
		String holder = started.text("caseToken");
		prove(holder, "email", code(email));
		submit(holder);
		UUID caseId = UUID.fromString(started.text("id"));
		this.service.startReview(this.reviewer, caseId, STAFF_DESK);
		this.service.decide(this.reviewer, caseId, true, "Owner confirmed by phone call-back.", STAFF_DESK);
		assertThat(view(holder).text("status")).isEqualTo("completed");
		assertThat(this.jdbc.sql("select status from accounts where email = ?").param(email).query(String.class).single())
			.isEqualTo("ACTIVE");
		assertThat(this.accounts.signInResponse(email, TestAccounts.PASSWORD).status()).isEqualTo(200);
		ApiClient.Response me = this.api.get("/api/v1/me", this.accounts.signIn(email, TestAccounts.PASSWORD));
		assertThat(me.text("withdrawalsLockedUntil")).isNotNull();
		TestMail.awaitSubject(email, "account is unfrozen");
	}

	@Test
	void singleUseWhenTwentyPresentTheSameCodeOrCancelLinkAtOnceThenExactlyOneTakesEffect() throws Exception {
		Enrolled a = enrolled();
		ApiClient.Response started = start(a.email(), TestAccounts.PASSWORD, "lost_factor");
		String holder = started.text("caseToken");
		String code = code(a.email());
		int ok = Race.successes(20, () -> prove(holder, "email", code).status() == 200);
		assertThat(ok).as("duplicates of a proven code are answered, not counted as wrong").isEqualTo(20);
		assertThat(this.jdbc.sql("""
				select count(*) from security_events where account_id = ?::uuid and type = 'recovery_proof_accepted'""")
			.param(a.accountId()).query(Integer.class).single()).as("spent once").isEqualTo(1);
		assertThat(this.jdbc.sql("select wrong_codes from recovery_cases where id = ?::uuid").param(started.text("id"))
			.query(Integer.class).single()).isZero();

		Matcher link = CANCEL.matcher(TestMail.body(TestMail.awaitSubject(a.email(), "Account recovery started")));
		assertThat(link.find()).isTrue();
		int cancelled = Race.successes(20, () -> this.api.post("/api/v1/recovery/cancel", Map.of("token", link.group(1)),
				null, "X-Forwarded-For", freshIp()).status() == 200);
		assertThat(cancelled).isEqualTo(1);
		assertThat(this.jdbc.sql("""
				select count(*) from security_events where account_id = ?::uuid and type = 'recovery_case_cancelled'""")
			.param(a.accountId()).query(Integer.class).single()).isEqualTo(1);
	}

	// ---- helpers ---------------------------------------------------------------------------------

	private ApiClient.Response start(String identifier, String password, String kind) {
		return this.api.post("/api/v1/recovery/cases", Map.of("identifier", identifier, "password", password, "kind", kind),
				null, "X-Forwarded-For", freshIp());
	}

	private ApiClient.Response prove(String holder, String channel, String code) {
		return this.api.post("/api/v1/recovery/case/proofs", Map.of("channel", channel, "code", code), null,
				"Recovery-Case", holder);
	}

	private ApiClient.Response submit(String holder) {
		return this.api.post("/api/v1/recovery/case/submit", null, null, "Recovery-Case", holder);
	}

	private ApiClient.Response view(String holder) {
		return this.api.get("/api/v1/recovery/case", null, "Recovery-Case", holder);
	}

	private ApiClient.Response upload(String holder, String kind, String type, byte[] bytes) {
		return this.api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port
				+ "/api/v1/recovery/case/documents/" + kind)).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
			.header("Content-Type", type), null, "Recovery-Case", holder);
	}

	private static String code(String email) {
		Matcher m = CODE.matcher(TestMail.body(TestMail.awaitSubject(email, "recovery code")));
		assertThat(m.find()).isTrue();
		return m.group(1);
	}

	private static String refusal(CaseResult result) {
		assertThat(result).isInstanceOf(CaseResult.Refused.class);
		return ((CaseResult.Refused) result).rejection().code();
	}

	private int factorCount(String accountId) {
		return this.jdbc.sql("""
				select (select count(*) from factors where account_id = ?::uuid)
				     + (select count(*) from passkeys where account_id = ?::uuid)
				     + (select count(*) from sms_factors where account_id = ?::uuid)""")
			.params(accountId, accountId, accountId)
			.query(Integer.class)
			.single();
	}

	private List<String> eventTypes(String accountId) {
		return this.jdbc.sql("select type from security_events where account_id = ?::uuid order by id")
			.param(accountId)
			.query(String.class)
			.list();
	}

	private Enrolled enrolled() {
		String email = this.accounts.create();
		TestAccounts.Enrolment enrolment = this.accounts.startTotpEnrolment(this.accounts.signIn(email, TestAccounts.PASSWORD));
		assertThat(confirm(enrolment, 0).status()).isEqualTo(200);
		return new Enrolled(email, enrolment.token(), this.api.get("/api/v1/me", enrolment.token()).text("id"));
	}

	private ApiClient.Response confirm(TestAccounts.Enrolment enrolment, int offset) {
		return this.api.post("/api/v1/me/factors/totp/" + enrolment.factorId() + "/confirm",
				Map.of("code", totp(enrolment.secret(), offset)), enrolment.token());
	}

	private String totp(String secret, int offset) {
		return Totp.code(Base32.decode(secret).orElseThrow(), Totp.step(this.clock.instant()) + offset, 6);
	}

	static byte[] image(String format, int width, int height) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(30, 90, 160));
		g.fillRect(0, 0, width, height);
		g.setColor(Color.WHITE);
		g.fillOval(width / 4, height / 4, width / 2, height / 2);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, format, out);
		return out.toByteArray();
	}

	private static byte[] gif() throws IOException {
		return image("gif", 300, 300);
	}

	private static byte[] concat(byte[] a, String tail) {
		byte[] b = tail.getBytes(StandardCharsets.ISO_8859_1);
		byte[] out = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	record Enrolled(String email, String token, String accountId) {
	}
}
