package io.gatehouse.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 25's support requests: owners and support staff, refusals that write nothing, events for every reading. */
@IntegrationTest
class SupportIntegrationTests extends ApiTest {

	private static final AtomicInteger NETWORKS = new AtomicInteger();

	@Autowired
	SupportRequests support;

	@Autowired
	JdbcClient jdbc;

	private static RequestContext from() {
		int n = NETWORKS.incrementAndGet();
		return RequestContext.of(ClientIp.of("100.70." + n % 250 + "." + (1 + n / 250)), "Firefox test");
	}

	private static final RequestContext DESK = RequestContext.of(ClientIp.of("10.0.0.6"), "console");

	private Actor.Customer owner() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		return new Actor.Customer(UUID.fromString(this.api.get("/api/v1/me", token).text("id")), UUID.randomUUID());
	}

	private static Actor.Staff staff(Actor.Staff.Role role) {
		return new Actor.Staff(UUID.randomUUID(), "support-" + role.name().toLowerCase(), Set.of(role), UUID.randomUUID());
	}

	private UUID open(Actor.Customer owner, String description, List<SupportRequest.Upload> uploads) {
		var opened = this.support.open(owner.accountId(), SupportRequest.Via.SESSION, "money", description, "0xabc123 WD-77", uploads, from());
		assertThat(opened).isInstanceOf(SupportRequests.Opened.Done.class);
		return ((SupportRequests.Opened.Done) opened).requestId();
	}

	@Test
	void threadWhenOpenedAnsweredAndClosedThenEachStepIsAnEventAndTheOwnerIsToldWithoutTheWords() throws IOException {
		Actor.Customer owner = owner();
		Actor.Staff agent = staff(Actor.Staff.Role.SUPPORT);
		UUID id = open(owner, "My withdrawal WD-77 has not arrived after a day.",
				List.of(new SupportRequest.Upload(photo(Color.WHITE), "image/jpeg")));

		var mine = this.support.thread(owner.accountId(), SupportRequest.Via.SESSION, id).orElseThrow();
		assertThat(mine.request().status()).isEqualTo(SupportRequest.Status.OPEN);
		assertThat(mine.request().transactionIds()).containsExactly("0xabc123", "WD-77");
		assertThat(mine.messages()).singleElement().satisfies(m -> assertThat(m.attachments()).hasSize(1));
		UUID attachment = mine.messages().getFirst().attachments().getFirst().id();
		assertThat(this.support.image(owner.accountId(), SupportRequest.Via.SESSION, attachment)).get()
			.satisfies(i -> assertThat(i.contentType()).isEqualTo("image/jpeg"));
		assertThat(this.support.queue(agent)).extracting(SupportRequest::id).contains(id);

		assertThat(this.support.read(agent, id, DESK)).isPresent();
		assertThat(this.support.answer(agent, id, "We found WD-77: it was sent, hash 0xabc123, please check.", DESK))
			.isEmpty();
		assertThat(this.support.thread(owner.accountId(), SupportRequest.Via.SESSION, id).orElseThrow().request().status())
			.isEqualTo(SupportRequest.Status.ANSWERED);
		assertThat(this.support.close(agent, id, DESK)).isEmpty();
		assertThat(this.support.reply(owner.accountId(), SupportRequest.Via.SESSION, id, "One more thing to add here.", List.of(), from()))
			.contains(SupportRejection.CLOSED);

		assertThat(this.jdbc.sql("select type from security_events where account_id = ? and type like 'support%' "
				+ "order by id").param(owner.accountId()).query(String.class).list())
			.containsExactly("support_request_opened", "support_request_viewed", "support_request_answered",
					"support_request_closed");
		assertThat(this.jdbc.sql("select actor from security_events where account_id = ? and type = "
				+ "'support_request_viewed'").param(owner.accountId()).query(String.class).single())
			.isEqualTo("staff:" + agent.id());
		byte[] stored = this.jdbc.sql("select sealed_body from support_messages where request_id = ? limit 1")
			.param(id).query(byte[].class).single();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).as("sealed at rest").doesNotContain("withdrawal");
		String outbox = String.join("|", this.jdbc.sql("select subject from outbox where account_id = ?")
			.param(owner.accountId()).query(String.class).list());
		assertThat(outbox).contains("Gatehouse support replied to your request").doesNotContain("please check");
	}

	@Test
	void staffWhenReplyLooksLikeItCarriesASecretThenRefusedAndCustomersSecretsAreMasked() {
		Actor.Customer owner = owner();
		Actor.Staff agent = staff(Actor.Staff.Role.SUPPORT);
		UUID id = open(owner, "I cannot sign in, my code is 123456 and my password: hunter2hunter2", List.of());

		var seen = this.support.read(agent, id, DESK).orElseThrow();
		assertThat(seen.messages().getFirst().body()).doesNotContain("123456").doesNotContain("hunter2")
			.contains(SecretPatterns.MASK);
		assertThat(this.support.thread(owner.accountId(), SupportRequest.Via.SESSION, id).orElseThrow().messages().getFirst().body()).contains("123456");

		for (String leaky : List.of("Please type the code 482913 to confirm.",
				"Your session token is ghs_abcdefghijklmnopqrstuvwx",
				"Use the key 0123456789abcdef0123456789abcdef01234567",
				"Tell me your passphrase: so we can check")) {
			assertThat(this.support.answer(agent, id, leaky, DESK)).as(leaky)
				.contains(SupportRejection.REPLY_CONTAINS_SECRET);
		}
		assertThat(this.support.read(agent, id, DESK).orElseThrow().messages()).hasSize(1);
	}

	@Test
	void requestsWhenAnotherAccountOrNoSupportRoleThenNothingShownAndNothingWritten() {
		Actor.Customer owner = owner();
		Actor.Customer other = owner();
		UUID id = open(owner, "Something odd happened to my account today.", List.of());
		Actor.Staff reviewer = staff(Actor.Staff.Role.REVIEWER);

		assertThat(this.support.thread(other.accountId(), SupportRequest.Via.SESSION, id)).isEmpty();
		assertThat(this.support.reply(other.accountId(), SupportRequest.Via.SESSION, id, "Let me in on this thread please.", List.of(), from()))
			.contains(SupportRejection.NOT_FOUND);
		assertThat(this.support.read(reviewer, id, DESK)).isEmpty();
		assertThat(this.support.queue(reviewer)).isEmpty();
		assertThat(this.support.answer(reviewer, id, "Hello from a reviewer here.", DESK))
			.contains(SupportRejection.NOT_SUPPORT_STAFF);
		assertThat(this.jdbc.sql("select count(*) from support_messages where request_id = ?").param(id)
			.query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void attachmentsWhenAnotherAccountOrAStaffRoleWithoutSupportThenNotServed() throws IOException {
		Actor.Customer owner = owner();
		Actor.Customer other = owner();
		UUID id = open(owner, "Screenshot of the error attached here.",
				List.of(new SupportRequest.Upload(photo(Color.BLUE), "image/jpeg")));
		UUID attachment = this.support.thread(owner.accountId(), SupportRequest.Via.SESSION, id).orElseThrow()
			.messages().getFirst().attachments().getFirst().id();
		Actor.Staff reviewer = staff(Actor.Staff.Role.REVIEWER);

		assertThat(this.support.image(other.accountId(), SupportRequest.Via.SESSION, attachment)).isEmpty();
		assertThat(this.support.image(reviewer, attachment)).isEmpty();
		assertThat(this.support.close(reviewer, id, DESK)).contains(SupportRejection.NOT_SUPPORT_STAFF);
		assertThat(this.support.image(staff(Actor.Staff.Role.SUPPORT), attachment)).isPresent();
	}

	@Test
	void passWhenRequestWasOpenedSignedInThenAProofOfTheEmailAloneDoesNotSeeIt() {
		Actor.Customer owner = owner();
		UUID signedIn = open(owner, "Opened while signed in with my second factor.", List.of());
		var byCode = this.support.open(owner.accountId(), SupportRequest.Via.CODE, "cannot_sign_in",
				"Opened after proving my email only.", "", List.of(), from());
		UUID viaCode = ((SupportRequests.Opened.Done) byCode).requestId();

		assertThat(this.support.mine(owner.accountId(), SupportRequest.Via.CODE)).extracting(SupportRequest::id)
			.containsExactly(viaCode);
		assertThat(this.support.thread(owner.accountId(), SupportRequest.Via.CODE, signedIn)).isEmpty();
		assertThat(this.support.reply(owner.accountId(), SupportRequest.Via.CODE, signedIn, "Let me read this one.",
				List.of(), from())).contains(SupportRejection.NOT_FOUND);
		assertThat(this.support.mine(owner.accountId(), SupportRequest.Via.SESSION)).extracting(SupportRequest::id)
			.containsExactlyInAnyOrder(signedIn, viaCode);
		assertThat(this.support.read(staff(Actor.Staff.Role.SUPPORT), viaCode, DESK).orElseThrow().request()
			.openedVia()).isEqualTo(SupportRequest.Via.CODE);
	}

	@Test
	void transactionIdsWhenTooShortOrACodeThenRefusedAndStaffRepliesCannotHideCodesBehindThem() {
		Actor.Customer owner = owner();
		for (String ids : List.of("1", "123456", "ghs_abcdefghijklmnopqrst")) {
			assertThat(this.support.open(owner.accountId(), SupportRequest.Via.SESSION, "money",
					"About my withdrawal yesterday.", ids, List.of(), from()))
				.as(ids)
				.isEqualTo(new SupportRequests.Opened.Refused(SupportRejection.TRANSACTION_IDS_INVALID));
		}
		UUID id = open(owner, "About my withdrawal WD-77 yesterday.", List.of());
		assertThat(this.support.answer(staff(Actor.Staff.Role.SUPPORT), id, "Confirm with 0xabc123482913 please.",
				DESK)).as("an id is skipped only as a whole word").isEmpty();
		assertThat(this.support.answer(staff(Actor.Staff.Role.SUPPORT), id, "Type WD-77 482913 to confirm.", DESK))
			.contains(SupportRejection.REPLY_CONTAINS_SECRET);
	}

	@Test
	void openWhenInputIsMalformedThenRefusedWithItsCodeAndNothingWritten() throws IOException {
		Actor.Customer owner = owner();
		byte[] polyglot = concat(photo(Color.GRAY), "<script>alert(1)</script>".getBytes(
				StandardCharsets.US_ASCII));
		List<SupportRequest.Upload> six = java.util.stream.IntStream.range(0, 6)
			.mapToObj(i -> new SupportRequest.Upload(new byte[] { 1 }, "image/png"))
			.toList();

		assertThat(this.support.open(owner.accountId(), SupportRequest.Via.SESSION, "complaint", "A long enough description.", "", List.of(), from()))
			.isEqualTo(new SupportRequests.Opened.Refused(SupportRejection.CATEGORY_UNKNOWN));
		assertThat(this.support.open(owner.accountId(), SupportRequest.Via.SESSION, "other", "short", "", List.of(), from()))
			.isEqualTo(new SupportRequests.Opened.Refused(SupportRejection.MESSAGE_INVALID));
		assertThat(this.support.open(owner.accountId(), SupportRequest.Via.SESSION, "other", "A long enough description.", "bad id!", List.of(), from()))
			.isEqualTo(new SupportRequests.Opened.Refused(SupportRejection.TRANSACTION_IDS_INVALID));
		assertThat(this.support.open(owner.accountId(), SupportRequest.Via.SESSION, "other", "A long enough description.", "", six, from()))
			.isEqualTo(new SupportRequests.Opened.Refused(SupportRejection.TOO_MANY_ATTACHMENTS));
		assertThat(this.support.open(owner.accountId(), SupportRequest.Via.SESSION, "other", "A long enough description.", "",
				List.of(new SupportRequest.Upload(polyglot, "image/jpeg")), from()))
			.isEqualTo(new SupportRequests.Opened.Refused(SupportRejection.ATTACHMENT_REFUSED));
		assertThat(this.support.mine(owner.accountId(), SupportRequest.Via.SESSION)).isEmpty();
	}

	@Test
	void openWhenFiveOpenedTodayThenTheSixthIsRefusedAndNothingWritten() {
		Actor.Customer owner = owner();
		for (int i = 0; i < SupportRequests.MAX_OPENED_PER_DAY; i++) {
			open(owner, "Request number " + i + " about my account.", List.of());
		}
		assertThat(this.support.open(owner.accountId(), SupportRequest.Via.SESSION, "other", "One request too many today.", "", List.of(), from()))
			.isEqualTo(new SupportRequests.Opened.Refused(SupportRejection.TOO_MANY_REQUESTS));
		assertThat(this.support.mine(owner.accountId(), SupportRequest.Via.SESSION)).hasSize(SupportRequests.MAX_OPENED_PER_DAY);
	}

	@Test
	void openWhenOneNetworkSendsTooManyThenRefused() {
		RequestContext network = from();
		int refused = 0;
		for (int i = 0; i < 25; i++) {
			Actor.Customer owner = i % 5 == 0 ? owner() : null;
			if (owner == null) {
				continue;
			}
			for (int j = 0; j < 5; j++) {
				var opened = this.support.open(owner.accountId(), SupportRequest.Via.SESSION, "other",
						"Request from one busy network.", "", List.of(), network);
				if (opened instanceof SupportRequests.Opened.Refused r) {
					assertThat(r.rejection()).isEqualTo(SupportRejection.NETWORK_LIMIT);
					refused++;
				}
			}
		}
		assertThat(refused).as("25 requests from one address, 20 allowed an hour").isEqualTo(5);
	}

	static byte[] photo(Color color) throws IOException {
		BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(color);
		g.fillRect(0, 0, 640, 480);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpeg", out);
		return out.toByteArray();
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] out = new byte[a.length + b.length];
		System.arraycopy(a, 0, out, 0, a.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}
}
