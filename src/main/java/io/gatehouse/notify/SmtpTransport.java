package io.gatehouse.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Email through SMTP (Jakarta Mail, configured with the standard {@code spring.mail.*} properties). */
final class SmtpTransport implements Transport {

	private final JavaMailSender mail;

	private final String from;

	SmtpTransport(JavaMailSender mail, String from) {
		this.mail = mail;
		this.from = from;
	}

	@Override
	public void deliver(OutboxMessage message) throws DeliveryFailed {
		try {
			MimeMessage mime = this.mail.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
			helper.setFrom(this.from);
			helper.setTo(message.destination());
			helper.setSubject(message.subject());
			helper.setText(message.body(), false);
			mime.setHeader("X-Gatehouse-Message", message.id().toString());
			this.mail.send(mime);
		}
		catch (MailException | MessagingException ex) {
			throw new DeliveryFailed("SMTP delivery failed: " + ex.getClass().getSimpleName(), ex);
		}
	}
}
