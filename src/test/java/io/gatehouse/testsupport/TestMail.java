package io.gatehouse.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/** A real SMTP server (GreenMail) for the test JVM: messages are really delivered over SMTP. */
public final class TestMail {

	private static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

	private static GreenMail greenMail;

	private TestMail() {
	}

	public static synchronized GreenMail server() {
		if (greenMail == null) {
			greenMail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			greenMail.start();
		}
		return greenMail;
	}

	public static int port() {
		return server().getSmtp().getPort();
	}

	/** Messages delivered to one address, oldest first, waiting up to 10 s for at least {@code count}. */
	public static List<MimeMessage> to(String address, int count) {
		return to(address, count, Duration.ofSeconds(10));
	}

	public static List<MimeMessage> to(String address, int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			List<MimeMessage> found = Arrays.stream(server().getReceivedMessages()).filter(m -> {
				try {
					return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
						.anyMatch(a -> a.toString().equalsIgnoreCase(address));
				}
				catch (MessagingException ex) {
					return false;
				}
			}).toList();
			if (found.size() >= count || System.nanoTime() > deadline) {
				return found;
			}
			server().waitForIncomingEmail(200, server().getReceivedMessages().length + 1);
		}
	}

	/** The first message to {@code address} whose subject contains {@code subjectPart}, waiting up to 10 s. */
	public static MimeMessage awaitSubject(String address, String subjectPart) {
		return Await.until("a message '" + subjectPart + "' to " + address, Duration.ofSeconds(10),
				() -> to(address, 1, Duration.ZERO).stream()
					.filter(m -> subject(m).contains(subjectPart))
					.findFirst());
	}

	/** The {@code nth} (1-based) message to {@code address} whose subject contains {@code subjectPart}, waiting up to 10 s. */
	public static MimeMessage awaitSubject(String address, String subjectPart, int nth) {
		return Await.until(nth + " messages '" + subjectPart + "' to " + address, Duration.ofSeconds(10),
				() -> {
					List<MimeMessage> matching = to(address, 1, Duration.ZERO).stream()
						.filter(m -> subject(m).contains(subjectPart))
						.toList();
					return matching.size() >= nth ? Optional.of(matching.get(nth - 1))
							: Optional.empty();
				});
	}

	public static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String body(MimeMessage message) {
		return GreenMailUtil.getBody(message).replace("\r\n", "\n");
	}

	/** The 6-digit code of the newest message to {@code address}. */
	public static String latestCode(String address, int expectedMessages) {
		List<MimeMessage> messages = to(address, expectedMessages);
		if (messages.isEmpty()) {
			throw new AssertionError("no message for " + address);
		}
		Matcher m = CODE.matcher(body(messages.getLast()));
		if (!m.find()) {
			throw new AssertionError("no code in the message to " + address);
		}
		return m.group(1);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
