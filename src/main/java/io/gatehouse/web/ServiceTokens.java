package io.gatehouse.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.gatehouse.kernel.Actor;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the internal listener's callers: {@code Authorization: Bearer <token>}, hashed with SHA-256
 * and compared in constant time against every configured hash (all of them, so the time says nothing about
 * which). A match makes the request an {@link Actor.Service} of that name.
 */
class ServiceTokens extends OncePerRequestFilter {

	private final Map<String, byte[]> hashes = new LinkedHashMap<>();

	ServiceTokens(Map<String, String> configured) {
		configured.forEach((name, hex) -> {
			byte[] hash = HexFormat.of().parseHex(hex.strip().toLowerCase(Locale.ROOT));
			if (hash.length != 32) {
				throw new IllegalArgumentException(
						"gatehouse.internal.tokens." + name + " must be the SHA-256 of the token, 64 hex digits");
			}
			this.hashes.put(name, hash);
		});
	}

	Optional<String> serviceOf(String token) {
		byte[] presented = sha256(token);
		String found = null;
		for (Map.Entry<String, byte[]> e : this.hashes.entrySet()) {
			if (MessageDigest.isEqual(presented, e.getValue()) && found == null) {
				found = e.getKey();
			}
		}
		return Optional.ofNullable(found);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() <= 7 + 512) {
			serviceOf(header.substring(7).strip()).ifPresent(name -> SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(new Actor.Service(name), null,
						List.of(new SimpleGrantedAuthority("ROLE_SERVICE")))));
		}
		chain.doFilter(request, response);
	}

	static byte[] sha256(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}
}
