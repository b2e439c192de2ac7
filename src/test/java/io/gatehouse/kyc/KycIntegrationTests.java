package io.gatehouse.kyc;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** KYC: an owner applies through the JSON API; a reviewer decides; the level follows; the owner is told. */
@IntegrationTest
class KycIntegrationTests extends ApiTest {

	static final RequestContext STAFF_DESK = RequestContext.of(ClientIp.of("10.0.0.5"), "console");

	@Autowired
	KycReviews reviews;

	@Autowired
	JdbcClient jdbc;

	static Actor.Staff staff(Actor.Staff.Role role) {
		return new Actor.Staff(UUID.randomUUID(), "kyc-" + role.name().toLowerCase(), Set.of(role), UUID.randomUUID());
	}

	static byte[] photo(Color color) throws IOException {
		BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(color);
		g.fillRect(0, 0, 640, 480);
		g.setColor(Color.BLACK);
		g.drawString("SPECIMEN", 100, 100);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpeg", out);
		return out.toByteArray();
	}

	ApiClient.Response apply(String token, Map<String, String> fields, byte[] idDocument, byte[] selfie) {
		String boundary = "----gatehouse" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
				+ name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
		for (var part : new Object[][] { { "idDocument", idDocument }, { "selfie", selfie } }) {
			if (part[1] == null) {
				continue;
			}
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part[0]
					+ "\"; filename=\"" + part[0] + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.writeBytes((byte[]) part[1]);
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return this.api.send(HttpRequest.newBuilder(URI.create(this.api.base() + "/api/v1/me/kyc"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), token);
	}

	static Map<String, String> details(String name, String birthDate, String country) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("legalName", name);
		fields.put("birthDate", birthDate);
		fields.put("country", country);
		return fields;
	}

	@Test
	void applyWhenApprovedThenTheLevelIsSetTheOwnerToldAndTheDecisionLogged() throws IOException {
		String email = this.accounts.create();
		String token = this.accounts.signIn(email, TestAccounts.PASSWORD);

		ApiClient.Response applied = apply(token, details("Ada María Lovelace-Núñez", "1990-12-10", "de"),
				photo(Color.WHITE), photo(Color.LIGHT_GRAY));

		assertThat(applied.status()).as(applied.body()).isEqualTo(201);
		assertThat(applied.text("status")).isEqualTo("submitted");
		assertThat(apply(token, details("Ada Lovelace", "1990-12-10", "DE"), photo(Color.WHITE), photo(Color.GRAY))
			.text("code")).isEqualTo("kyc_already_submitted");
		UUID id = UUID.fromString(applied.text("id"));
		byte[] stored = this.jdbc.sql("select details from kyc_applications where id = ?").param(id).query(byte[].class)
			.single();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).as("sealed").doesNotContain("Lovelace");

		Actor.Staff support = staff(Actor.Staff.Role.SUPPORT);
		assertThat(this.reviews.review(support, id)).as("support does not see personal data").isEmpty();
		assertThat(this.reviews.photo(support, id, "selfie")).isEmpty();
		assertThat(this.reviews.approve(support, id, 2, null, STAFF_DESK)).contains(KycRejection.ROLE_MISSING);
		Actor.Staff reviewer = staff(Actor.Staff.Role.REVIEWER);
		assertThat(this.reviews.waiting(reviewer)).extracting(Kyc.Application::id).contains(id);
		assertThat(this.reviews.review(reviewer, id)).hasValueSatisfying(r -> {
			assertThat(r.legalName()).isEqualTo("Ada María Lovelace-Núñez");
			assertThat(r.birthDate()).isEqualTo("1990-12-10");
		});
		assertThat(this.reviews.photo(reviewer, id, "id_document")).hasValueSatisfying(
				p -> assertThat(p.contentType()).isEqualTo("image/jpeg"));
		assertThat(this.reviews.approve(reviewer, id, 4, null, STAFF_DESK)).contains(KycRejection.LEVEL_INVALID);

		assertThat(this.reviews.approve(reviewer, id, 2, null, STAFF_DESK)).isEmpty();
		assertThat(this.reviews.approve(staff(Actor.Staff.Role.REVIEWER), id, 3, null, STAFF_DESK)).as("decided once")
			.contains(KycRejection.ALREADY_DECIDED);

		ApiClient.Response status = this.api.get("/api/v1/me/kyc", token);
		assertThat(status.json().path("level").asInt()).isEqualTo(2);
		assertThat(status.json().path("application").path("status").asString()).isEqualTo("approved");
		TestMail.awaitSubject(email, "Your identity is verified");
		assertThat(this.jdbc.sql("select actor from security_events where type = 'kyc_approved' and details like ?")
			.param("%" + id + "%").query(String.class).single()).isEqualTo(reviewer.auditName());
	}

	@Test
	void applyWhenRejectedThenTheOwnerReadsTheReasonAndMayApplyAgain() throws IOException {
		String email = this.accounts.create();
		String token = this.accounts.signIn(email, TestAccounts.PASSWORD);
		UUID id = UUID.fromString(apply(token, details("Grace Hopper", "1985-01-31", "US"), photo(Color.WHITE),
				photo(Color.GRAY)).text("id"));
		Actor.Staff reviewer = staff(Actor.Staff.Role.REVIEWER);

		assertThat(this.reviews.reject(reviewer, id, "", STAFF_DESK)).contains(KycRejection.REASON_REQUIRED);
		assertThat(this.reviews.reject(reviewer, id, "The document photo is blurred", STAFF_DESK)).isEmpty();

		assertThat(this.api.get("/api/v1/me/kyc", token).json().path("application").path("reason").asString())
			.isEqualTo("The document photo is blurred");
		assertThat(TestMail.body(TestMail.awaitSubject(email, "not approved"))).contains("The document photo is blurred");
		assertThat(apply(token, details("Grace Hopper", "1985-01-31", "US"), photo(Color.WHITE), photo(Color.GRAY))
			.status()).isEqualTo(201);
	}

	@Test
	void applyWhenDetailsOrPhotosAreWrongThenAClearCodeAndNothingStored() throws IOException {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		byte[] ok = photo(Color.WHITE);

		assertThat(apply(token, details("<script>", "1990-01-01", "DE"), ok, ok).text("code")).isEqualTo("kyc_name_invalid");
		assertThat(apply(token, details("Young Person", "2015-01-01", "DE"), ok, ok).text("code"))
			.isEqualTo("kyc_birth_date_invalid");
		assertThat(apply(token, details("Some Person", "1990-02-30", "DE"), ok, ok).text("code"))
			.isEqualTo("kyc_birth_date_invalid");
		assertThat(apply(token, details("Some Person", "1990-01-01", "XX1"), ok, ok).text("code"))
			.isEqualTo("kyc_country_invalid");
		assertThat(apply(token, details("Some Person", "1990-01-01", "DE"), ok, null).text("code"))
			.isEqualTo("kyc_photo_missing");
		byte[] polyglot = new byte[ok.length + 30];
		System.arraycopy(ok, 0, polyglot, 0, ok.length);
		System.arraycopy("<script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII), 0, polyglot, ok.length, 25);
		assertThat(apply(token, details("Some Person", "1990-01-01", "DE"), ok, polyglot).text("code"))
			.isEqualTo("document_polyglot");
		assertThat(this.api.get("/api/v1/me/kyc", token).json().path("application").isNull()).isTrue();
	}
}
