package io.gatehouse.team.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Actor;
import io.gatehouse.web.SignedInPage;
import io.gatehouse.team.Members;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The account switcher of the signed-in layout: the teams the person is a member of ({@code teams}), and the team
 * the page acts for ({@code activeTeam}), read afresh on every page so a removal shows at once.
 */
@Component
class TeamSwitcher implements HandlerInterceptor, WebMvcConfigurer {

	private static final Pattern TEAM_PAGE = Pattern.compile("^/account/teams/([0-9a-f-]{36})(?:/.*)?$");

	private final Members members;

	TeamSwitcher(Members members) {
		this.members = members;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/account", "/account/**");
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable ModelAndView page) {
		Optional<Actor.Customer> signedIn = SignedInPage.customer(page);
		if (signedIn.isEmpty() || page == null) {
			return;
		}
		Actor.Customer session = signedIn.get();
		List<Members.Team> teams = this.members.teamsOf(session.accountId());
		page.addObject("teams", teams);
		Matcher m = TEAM_PAGE.matcher(request.getRequestURI().substring(request.getContextPath().length()));
		if (m.matches()) {
			UUID id = UUID.fromString(m.group(1));
			teams.stream().filter(t -> t.teamId().equals(id)).findFirst().ifPresent(t -> page.addObject("activeTeam", t));
		}
	}
}
