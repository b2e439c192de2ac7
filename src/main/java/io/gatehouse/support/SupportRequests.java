package io.gatehouse.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.crypto.SecretBox;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.kyc.IdentityDocuments;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Support requests, for their owners (the account, signed in or proven by a code, see {@link SupportPasses}) and for
 * staff with the support role. Every step checks its input first and
 * writes nothing on a refusal; a thread's changes hold the request's row, so a reply and a closing never cross.
 */
@Service
public class SupportRequests {

	public static final int MAX_ATTACHMENTS = 5;

	static final long MAX_ATTACHMENT_BYTES = 2L * 1024 * 1024;

	/** Requests one account may open in 24 hours; replies to an open request do not count. */
	static final int MAX_OPENED_PER_DAY = 5;

	private static final Pattern TRANSACTION_ID = Pattern.compile("[A-Za-z0-9_:.-]{4,128}");

	private final SupportStore store;

	private final SecretBox box;

	private final RateLimits limits;

	private final ApplicationEventPublisher events;

	private final Randomness randomness;

	private final Clock clock;

	SupportRequests(SupportStore store, SecretBox box, RateLimits limits, ApplicationEventPublisher events,
			Randomness randomness, Clock clock) {
		this.store = store;
		this.box = box;
		this.limits = limits;
		this.events = events;
		this.randomness = randomness;
		this.clock = clock;
	}

	public sealed interface Opened {

		record Done(UUID requestId) implements Opened {
		}

		record Refused(Rejection rejection) implements Opened {
		}
	}

	/** Opens a request with its first message. */
	@Transactional
	public Opened open(UUID owner, SupportRequest.Via via, String category, String description, String transactionIds,
			List<SupportRequest.Upload> uploads, RequestContext context) {
		Optional<SupportCategory> kind = SupportCategory.of(category);
		if (kind.isEmpty()) {
			return new Opened.Refused(SupportRejection.CATEGORY_UNKNOWN);
		}
		Optional<List<String>> ids = transactionIds(transactionIds);
		if (ids.isEmpty()) {
			return new Opened.Refused(SupportRejection.TRANSACTION_IDS_INVALID);
		}
		Checked checked = check(description, uploads);
		if (checked.refused() != null) {
			return new Opened.Refused(checked.refused());
		}
		Instant now = this.clock.instant();
		if (this.store.openedSince(owner, now.minus(Duration.ofDays(1))) >= MAX_OPENED_PER_DAY) {
			return new Opened.Refused(SupportRejection.TOO_MANY_REQUESTS);
		}
		if (this.limits.hit(LimitedAction.SUPPORT, context.ip()).isPresent()) {
			return new Opened.Refused(SupportRejection.NETWORK_LIMIT);
		}
		UUID id = this.randomness.uuid();
		this.store.insertRequest(id, owner, via, kind.get(), ids.get(), context, now);
		write(id, null, checked, now);
		this.events.publishEvent(new SupportEvents.SupportRequestChanged(owner, id, "opened",
				kind.get().wireName(), checked.images().size(), null, context));
		return new Opened.Done(id);
	}

	/** The owner's requests that this proof sees ({@link SupportRequest.Via#sees}), newest first. */
	public List<SupportRequest> mine(UUID owner, SupportRequest.Via via) {
		return this.store.ofAccount(owner, via, 100);
	}

	/** The owner's request and its thread; another account's is "not found". */
	public Optional<SupportRequest.Thread> thread(UUID owner, SupportRequest.Via via, UUID requestId) {
		return this.store.find(requestId)
			.filter(r -> r.accountId().equals(owner) && via.sees(r.openedVia()))
			.map(r -> new SupportRequest.Thread(r, messages(r, UnaryOperator.identity())));
	}

	/** The owner adds to the thread; the request waits for staff again. */
	@Transactional
	public Optional<Rejection> reply(UUID owner, SupportRequest.Via via, UUID requestId, String body,
			List<SupportRequest.Upload> uploads, RequestContext context) {
		Checked checked = check(body, uploads);
		if (checked.refused() != null) {
			return Optional.of(checked.refused());
		}
		Optional<SupportRequest> request = this.store.lock(requestId)
			.filter(r -> r.accountId().equals(owner) && via.sees(r.openedVia()));
		if (request.isEmpty()) {
			return Optional.of(SupportRejection.NOT_FOUND);
		}
		if (request.get().status() == SupportRequest.Status.CLOSED) {
			return Optional.of(SupportRejection.CLOSED);
		}
		if (this.limits.hit(LimitedAction.SUPPORT, context.ip()).isPresent()) {
			return Optional.of(SupportRejection.NETWORK_LIMIT);
		}
		Instant now = this.clock.instant();
		write(requestId, null, checked, now);
		this.store.setStatus(requestId, SupportRequest.Status.OPEN, null, now);
		this.events.publishEvent(new SupportEvents.SupportRequestChanged(owner, requestId, "replied",
				request.get().category().wireName(), checked.images().size(), null, context));
		return Optional.empty();
	}

	/** One of the owner's attachments, opened. */
	public Optional<SupportRequest.Image> image(UUID owner, SupportRequest.Via via, UUID attachmentId) {
		return this.store.image(attachmentId)
			.filter(i -> this.store.find(i.requestId())
				.map(r -> r.accountId().equals(owner) && via.sees(r.openedVia()))
				.orElse(false))
			.map(i -> new SupportRequest.Image(i.contentType(), this.box.openBytes(i.sealed(), attachmentId.toString())));
	}

	// Staff side

	/** The support queue: open requests oldest first, then answered ones. */
	public List<SupportRequest> queue(Actor.Staff member) {
		return member.has(Actor.Staff.Role.SUPPORT) ? this.store.queue(200) : List.of();
	}

	/**
	 * A request and its thread for a support staff member, recorded as a reading on the account's chain; the
	 * customer's words are shown with anything that looks like a secret masked.
	 */
	@Transactional
	public Optional<SupportRequest.Thread> read(Actor.Staff member, UUID requestId, RequestContext context) {
		if (!member.has(Actor.Staff.Role.SUPPORT)) {
			return Optional.empty();
		}
		return this.store.find(requestId).map(r -> {
			this.events.publishEvent(new SupportEvents.SupportRequestChanged(r.accountId(), r.id(), "viewed",
					r.category().wireName(), 0, staff(member), context));
			return new SupportRequest.Thread(r, messages(r, SecretPatterns::masked));
		});
	}

	/** A staff reply: refused when it looks like it carries a secret (beyond the request's own transaction ids). */
	@Transactional
	public Optional<Rejection> answer(Actor.Staff member, UUID requestId, String body, RequestContext context) {
		if (!member.has(Actor.Staff.Role.SUPPORT)) {
			return Optional.of(SupportRejection.NOT_SUPPORT_STAFF);
		}
		Optional<String> text = text(body);
		if (text.isEmpty()) {
			return Optional.of(SupportRejection.MESSAGE_INVALID);
		}
		Optional<SupportRequest> request = this.store.lock(requestId);
		if (request.isEmpty()) {
			return Optional.of(SupportRejection.NOT_FOUND);
		}
		if (request.get().status() == SupportRequest.Status.CLOSED) {
			return Optional.of(SupportRejection.CLOSED);
		}
		String withoutOwnIds = text.get();
		for (String id : request.get().transactionIds()) {
			withoutOwnIds = withoutOwnIds.replaceAll("(?<![A-Za-z0-9])" + Pattern.quote(id) + "(?![A-Za-z0-9])", " ");
		}
		if (SecretPatterns.containsSecret(withoutOwnIds)) {
			return Optional.of(SupportRejection.REPLY_CONTAINS_SECRET);
		}
		Instant now = this.clock.instant();
		write(requestId, member.username(), new Checked(text.get(), List.of(), null), now);
		this.store.setStatus(requestId, SupportRequest.Status.ANSWERED, null, now);
		this.events.publishEvent(new SupportEvents.SupportRequestChanged(request.get().accountId(), requestId,
				"answered", request.get().category().wireName(), 0, staff(member), context));
		return Optional.empty();
	}

	@Transactional
	public Optional<Rejection> close(Actor.Staff member, UUID requestId, RequestContext context) {
		if (!member.has(Actor.Staff.Role.SUPPORT)) {
			return Optional.of(SupportRejection.NOT_SUPPORT_STAFF);
		}
		Optional<SupportRequest> request = this.store.lock(requestId);
		if (request.isEmpty()) {
			return Optional.of(SupportRejection.NOT_FOUND);
		}
		if (request.get().status() == SupportRequest.Status.CLOSED) {
			return Optional.of(SupportRejection.CLOSED);
		}
		this.store.setStatus(requestId, SupportRequest.Status.CLOSED, staff(member), this.clock.instant());
		this.events.publishEvent(new SupportEvents.SupportRequestChanged(request.get().accountId(), requestId,
				"closed", request.get().category().wireName(), 0, staff(member), context));
		return Optional.empty();
	}

	/** An attachment for a support staff member (the reading of the thread is what is recorded). */
	public Optional<SupportRequest.Image> image(Actor.Staff member, UUID attachmentId) {
		if (!member.has(Actor.Staff.Role.SUPPORT)) {
			return Optional.empty();
		}
		return this.store.image(attachmentId)
			.map(i -> new SupportRequest.Image(i.contentType(), this.box.openBytes(i.sealed(), attachmentId.toString())));
	}

	private record Checked(String text, List<IdentityDocuments.Checked> images, @Nullable Rejection refused) {
	}

	private static Checked check(String body, List<SupportRequest.Upload> uploads) {
		Optional<String> text = text(body);
		if (text.isEmpty()) {
			return new Checked("", List.of(), SupportRejection.MESSAGE_INVALID);
		}
		List<SupportRequest.Upload> present = uploads.stream().filter(u -> u.bytes().length > 0).toList();
		if (present.size() > MAX_ATTACHMENTS) {
			return new Checked("", List.of(), SupportRejection.TOO_MANY_ATTACHMENTS);
		}
		List<IdentityDocuments.Checked> images = new ArrayList<>();
		for (SupportRequest.Upload upload : present) {
			switch (IdentityDocuments.check(upload.bytes(), upload.declaredType(), MAX_ATTACHMENT_BYTES)) {
				case IdentityDocuments.Result.Accepted accepted -> images.add(accepted.document());
				case IdentityDocuments.Result.Refused refused -> {
					return new Checked("", List.of(), SupportRejection.ATTACHMENT_REFUSED);
				}
			}
		}
		return new Checked(text.get(), images, null);
	}

	/** 10 to 5000 characters after trimming; control characters other than line breaks and tabs are refused. */
	private static Optional<String> text(String raw) {
		String text = raw.strip().replace("\r\n", "\n");
		if (text.length() < 10 || text.length() > 5000
				|| text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
			return Optional.empty();
		}
		return Optional.of(text);
	}

	private static Optional<List<String>> transactionIds(String raw) {
		List<String> ids = new ArrayList<>();
		for (String part : raw.split("[\\s,]+")) {
			if (part.isEmpty()) {
				continue;
			}
			if (!TRANSACTION_ID.matcher(part).matches() || SecretPatterns.looksLikeCode(part) || ids.size() == 10) {
				return Optional.empty();
			}
			if (!ids.contains(part)) {
				ids.add(part);
			}
		}
		return Optional.of(ids);
	}

	private void write(UUID requestId, @Nullable String staffName, Checked checked, Instant now) {
		UUID messageId = this.randomness.uuid();
		this.store.insertMessage(messageId, requestId, staffName, this.box.seal(checked.text(), messageId.toString()),
				now);
		for (IdentityDocuments.Checked image : checked.images()) {
			UUID attachmentId = this.randomness.uuid();
			this.store.insertAttachment(attachmentId, messageId, image,
					this.box.sealBytes(image.bytes(), attachmentId.toString()));
		}
	}

	private List<SupportRequest.Message> messages(SupportRequest request, UnaryOperator<String> shown) {
		return this.store.messages(request.id())
			.stream()
			.map(m -> new SupportRequest.Message(m.id(), m.staffName() != null, m.staffName(),
					m.staffName() != null ? this.box.open(m.body(), m.id().toString())
							: shown.apply(this.box.open(m.body(), m.id().toString())),
					m.createdAt(), this.store.attachments(m.id())))
			.toList();
	}

	private static String staff(Actor.Staff member) {
		return "staff:" + member.id();
	}
}
