package io.gatehouse.signin.web;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.abuse.CaptchaService;
import io.gatehouse.factor.SmsFactorService;
import io.gatehouse.session.SessionService;
import io.gatehouse.session.web.SessionCookies;
import io.gatehouse.signin.PasswordSubmission;
import io.gatehouse.signin.SignInFlow;
import io.gatehouse.signin.SignInRejection;
import io.gatehouse.signin.SignInResult;
import io.gatehouse.signin.SignInService;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page. Each visit starts a flow; the form posts back to it. */
@Controller
class SignInPages {

	private final SignInService signIns;

	private final SessionCookies cookies;

	private final SessionService sessions;

	private final RequestContexts contexts;

	private final CaptchaService captchas;

	SignInPages(SignInService signIns, SessionCookies cookies, SessionService sessions, RequestContexts contexts,
			CaptchaService captchas) {
		this.captchas = captchas;
		this.signIns = signIns;
		this.cookies = cookies;
		this.sessions = sessions;
		this.contexts = contexts;
	}

	@GetMapping("/signin")
	String form(HttpServletRequest request, Model model) {
		return show(this.signIns.start(this.contexts.of(request)), model);
	}

	@PostMapping("/signin")
	String submit(@RequestParam UUID flow, @RequestParam(defaultValue = "") String identifier,
			@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "false") boolean rememberMe,
			@RequestParam(defaultValue = "") String captcha, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		SignInResult result = this.signIns.submitPassword(flow, new PasswordSubmission(identifier, password, rememberMe,
				this.cookies.deviceToken(request).orElse(null), captcha, null), this.contexts.of(request));
		if (result instanceof SignInResult.Completed completed) {
			return signedIn(completed, request, response);
		}
		if (result instanceof SignInResult.Continues next) {
			return show(next.flow(), model);
		}
		SignInResult.Refused refused = (SignInResult.Refused) result;
		model.addAttribute("error", refused.rejection().message() + waitText(refused.retryAfter()));
		model.addAttribute("identifier", identifier.length() > 320 ? "" : identifier);
		model.addAttribute("captchaRequired", refused.captchaRequired());
		if (refused.retryAfter() != null) {
			response.setHeader("Retry-After", Long.toString(refused.retryAfter().toSeconds()));
		}
		model.addAttribute("locked", refused.rejection() == AbuseRejection.ACCOUNT_LOCKED);
		model.addAttribute("frozen", refused.rejection() == SignInRejection.ACCOUNT_FROZEN);
		if (refused.rejection() != SignInRejection.FLOW_NOT_FOUND && refused.rejection() != SignInRejection.FLOW_EXPIRED
				&& refused.rejection() != SignInRejection.WRONG_STEP) {
			return this.signIns.find(flow).map(f -> show(f, model)).orElseGet(() -> form(request, model));
		}
		// The flow is over (expired or finished): start a fresh one, keeping the explanation.
		return show(this.signIns.start(this.contexts.of(request)), model);
	}

	@PostMapping("/signin/totp")
	String totp(@RequestParam UUID flow, @RequestParam(defaultValue = "") String code, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		return secondFactor(flow, this.signIns.submitTotp(flow, code, this.cookies.deviceToken(request).orElse(null),
				this.contexts.of(request)), request, response, model);
	}

	@PostMapping("/signin/backup-code")
	String backupCode(@RequestParam UUID flow, @RequestParam(defaultValue = "") String code,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		return secondFactor(flow, this.signIns.submitBackupCode(flow, code,
				this.cookies.deviceToken(request).orElse(null), this.contexts.of(request)), request, response, model);
	}

	/** Texts this flow's code (again: a resend replaces the code and keeps its counters). */
	@PostMapping("/signin/sms/send")
	String sendSms(@RequestParam UUID flow, HttpServletRequest request, Model model) {
		switch (this.signIns.sendSmsCode(flow, this.contexts.of(request))) {
			case SmsFactorService.Sent.Done d -> model.addAttribute("smsSentTo", d.destination());
			case SmsFactorService.Sent.Refused r -> model.addAttribute("error", r.rejection().message());
		}
		return this.signIns.find(flow)
			.filter(f -> f.stateAt(this.signIns.now()) == SignInFlow.State.AWAITING_SECOND_FACTOR)
			.map(f -> show(f, model))
			.orElseGet(() -> show(this.signIns.start(this.contexts.of(request)), model));
	}

	@PostMapping("/signin/sms")
	String sms(@RequestParam UUID flow, @RequestParam(defaultValue = "") String code, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		return secondFactor(flow, this.signIns.submitSms(flow, code, this.cookies.deviceToken(request).orElse(null),
				this.contexts.of(request)), request, response, model);
	}

	/** Options for the page's passkey button, fetched by passkey.js (same origin, CSRF token in the body). */
	@PostMapping("/signin/passkey/options")
	@org.springframework.web.bind.annotation.ResponseBody
	ResponseEntity<?> passkeyOptions(@RequestParam UUID flow, HttpServletRequest request) {
		return switch (this.signIns.passkeyOptions(flow, this.contexts.of(request))) {
			case SignInService.PasskeyOptions.Ready r -> ResponseEntity
				.ok(Map.of("challengeId", r.options().challengeId(), "publicKey", r.options().publicKey()));
			case SignInService.PasskeyOptions.Refused r -> Problems.of(r.rejection());
		};
	}

	/** The passkey's answer, posted as a form: a passwordless sign-in, or the second step after the password. */
	@PostMapping("/signin/passkey")
	String passkey(@RequestParam UUID flow, @RequestParam UUID challengeId,
			@RequestParam(defaultValue = "") String credential, @RequestParam(defaultValue = "false") boolean rememberMe,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		SignInResult result = this.signIns.submitPasskey(flow, challengeId, credential, rememberMe,
				this.cookies.deviceToken(request).orElse(null), this.contexts.of(request));
		if (result instanceof SignInResult.Completed completed) {
			return signedIn(completed, request, response);
		}
		if (result instanceof SignInResult.Continues next) {
			return show(next.flow(), model);
		}
		SignInResult.Refused refused = (SignInResult.Refused) result;
		model.addAttribute("error", refused.rejection().message());
		return this.signIns.find(flow)
			.filter(f -> f.stateAt(this.signIns.now()) != SignInFlow.State.EXPIRED
					&& f.stateAt(this.signIns.now()) != SignInFlow.State.COMPLETED)
			.map(f -> show(f, model))
			.orElseGet(() -> show(this.signIns.start(this.contexts.of(request)), model));
	}

	/** The confirmation step: the code the risk decision had sent to the owner. */
	@PostMapping("/signin/confirmation")
	String confirmation(@RequestParam UUID flow, @RequestParam(defaultValue = "") String code,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		return nextOrSame(flow, this.signIns.submitConfirmation(flow, code,
				this.cookies.deviceToken(request).orElse(null), this.contexts.of(request)), request, response, model);
	}

	@PostMapping("/signin/confirmation/resend")
	String resendConfirmation(@RequestParam UUID flow, HttpServletRequest request, Model model) {
		this.signIns.resendConfirmation(flow, this.contexts.of(request)).ifPresentOrElse(
				r -> model.addAttribute("error", r.message()), () -> model.addAttribute("confirmationResent", true));
		return this.signIns.find(flow)
			.filter(f -> f.stateAt(this.signIns.now()) == SignInFlow.State.AWAITING_CONFIRMATION)
			.map(f -> show(f, model))
			.orElseGet(() -> show(this.signIns.start(this.contexts.of(request)), model));
	}

	private String secondFactor(UUID flow, SignInResult result, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		return nextOrSame(flow, result, request, response, model);
	}

	/** Signed in, or on to the next step, or the same step again with the refusal. */
	private String nextOrSame(UUID flow, SignInResult result, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		if (result instanceof SignInResult.Completed completed) {
			return signedIn(completed, request, response);
		}
		if (result instanceof SignInResult.Continues next) {
			return show(next.flow(), model);
		}
		SignInResult.Refused refused = (SignInResult.Refused) result;
		model.addAttribute("error", refused.rejection().message());
		return this.signIns.find(flow)
			.filter(f -> f.stateAt(this.signIns.now()) == SignInFlow.State.AWAITING_SECOND_FACTOR
					|| f.stateAt(this.signIns.now()) == SignInFlow.State.AWAITING_CONFIRMATION)
			.map(f -> show(f, model))
			.orElseGet(() -> show(this.signIns.start(this.contexts.of(request)), model));
	}

	private String signedIn(SignInResult.Completed completed, HttpServletRequest request, HttpServletResponse response) {
		this.cookies.sessionToken(request).ifPresent(old -> this.sessions.endReplaced(old, this.contexts.of(request)));
		this.cookies.write(response, completed.session());
		return "redirect:/account";
	}

	/** " Try again in 14 minutes." for a wait; nothing otherwise. */
	static String waitText(java.time.@org.jspecify.annotations.Nullable Duration wait) {
		if (wait == null || wait.isZero()) {
			return "";
		}
		if (wait.toDays() >= 365) {
			return " Unlock it to sign in again.";
		}
		long seconds = wait.toSeconds();
		if (seconds < 90) {
			return " Try again in " + seconds + " seconds.";
		}
		long minutes = (seconds + 59) / 60;
		if (minutes < 120) {
			return " Try again in " + minutes + " minutes.";
		}
		return " Try again in " + ((minutes + 59) / 60) + " hours.";
	}

	private String show(SignInFlow flow, Model model) {
		model.addAttribute("captchaWidget", this.captchas.widget());
		if (!model.containsAttribute("captchaRequired")) {
			model.addAttribute("captchaRequired", this.signIns.captchaForUnknownDevices());
		}
		model.addAttribute("flow", flow);
		model.addAttribute("nextStep", flow.nextStep(this.signIns.now()));
		model.addAttribute("step", flow.currentStepNumber());
		model.addAttribute("totalSteps", flow.totalSteps());
		model.addAttribute("allowedFactors", this.signIns.allowedFactors(flow));
		return "signin/signin";
	}
}
