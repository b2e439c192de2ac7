package io.gatehouse.notify;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import io.gatehouse.kernel.GatehouseProperties;

import org.springframework.stereotype.Component;

/**
 * Renders message bodies from {@code templates/notify/<name>.<channel>.txt}. Every email is framed
 * the same way: the anti-phishing code on top when the person has set one (never an invented one),
 * and a "this wasn't me" path at the bottom. Links are built from the configured public URL only.
 */
@Component
class MessageTemplates {

	private final SpringTemplateEngine engine = new SpringTemplateEngine();

	private final GatehouseProperties gatehouse;

	MessageTemplates(GatehouseProperties gatehouse) {
		this.gatehouse = gatehouse;
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/notify/");
		resolver.setSuffix(".txt");
		resolver.setTemplateMode(TemplateMode.TEXT);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		this.engine.setTemplateResolver(resolver);
	}

	String render(String template, Channel channel, Map<String, ?> variables, @Nullable String antiPhishingCode,
			boolean securityNotice, @Nullable String freezeLink) {
		Context context = new Context(Locale.ENGLISH);
		context.setVariables(Map.copyOf(variables));
		context.setVariable("publicUrl", this.gatehouse.link("/"));
		String body = this.engine.process(template + "." + channel.name().toLowerCase(Locale.ROOT), context).strip();
		if (channel == Channel.SMS) {
			return body;
		}
		StringBuilder out = new StringBuilder();
		if (antiPhishingCode != null) {
			out.append("Your anti-phishing code: ").append(antiPhishingCode).append("\n\n");
		}
		out.append(body).append("\n\n");
		if (freezeLink != null) {
			out.append("Wasn't you? Freeze your account at once (no sign-in needed): ")
				.append(freezeLink)
				.append("\nThat ends every session, suspends API keys and stops withdrawals until you recover it.\n");
		}
		else if (securityNotice) {
			out.append("Wasn't you? Sign in at ")
				.append(this.gatehouse.link("/account/password"))
				.append(" and change your password now, then review your sessions at ")
				.append(this.gatehouse.link("/account/sessions"))
				.append(".\n");
		}
		out.append("Gatehouse never asks for your password, codes or keys by email, phone or chat.\n");
		return out.toString();
	}
}
