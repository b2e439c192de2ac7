package io.gatehouse.factor.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.gatehouse.factor.SmsFactorService;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.factor.web.StepUpForms.Verification;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.web.RequestContexts;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** SMS codes on the security page, the weakest factor: turning them on (a code to the phone) and off. */
@Controller
class SmsPages {

	private final SecurityOverview overview;

	private final StepUpForms forms;

	private final SmsFactorService sms;

	private final RequestContexts contexts;

	SmsPages(SecurityOverview overview, StepUpForms forms, SmsFactorService sms, RequestContexts contexts) {
		this.overview = overview;
		this.forms = forms;
		this.sms = sms;
		this.contexts = contexts;
	}

	/** Turning SMS codes on: security verification, then a code to the phone, confirmed on the next page. */
	@PostMapping("/account/security/sms/start")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String startSms(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String phone,
			@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String password,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Verification verification = this.forms.verifyAndConsume(session, StepUpAction.ENABLE_SMS, Map.of(), code,
				password, request, response);
		if (verification.failed()) {
			return this.overview.withError(SecuritySection.SMS, session, model, verification.error());
		}
		return switch (this.sms.startEnrolment(verification.rotated(), phone, this.contexts.of(request))) {
			case SmsFactorService.Sent.Done d -> {
				model.addAttribute("sentTo", d.destination());
				yield "factor/sms-confirm";
			}
			case SmsFactorService.Sent.Refused r -> this.overview.withError(SecuritySection.SMS, verification.rotated(), model,
					r.rejection().message());
		};
	}

	@PostMapping("/account/security/sms/confirm")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String confirmSms(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String code,
			HttpServletRequest request, Model model) {
		var refused = this.sms.confirmEnrolment(session, code, this.contexts.of(request));
		if (refused.isEmpty()) {
			return SecuritySection.SMS.redirect("smsEnabled");
		}
		return this.overview.withError(SecuritySection.SMS, session, model, refused.get().message());
	}

	@PostMapping("/account/security/sms/remove")
	String removeSms(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Verification verification = this.forms.verifyAndConsume(session, StepUpAction.REMOVE_SMS, Map.of(), code,
				password, request, response);
		if (verification.failed()) {
			return this.overview.withError(SecuritySection.SMS, session, model, verification.error());
		}
		this.sms.remove(verification.rotated(), this.contexts.of(request));
		return SecuritySection.SMS.redirect("smsRemoved");
	}
}
