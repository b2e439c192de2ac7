package io.gatehouse.session;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import ua_parser.Client;
import ua_parser.Parser;

import io.gatehouse.kernel.Background;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns a User-Agent into a name a person recognises, such as "Chrome 131 on Linux". The User-Agent is
 * attacker-chosen text and these names appear in security emails, so only names from a fixed
 * vocabulary of browsers and systems come out; anything else is "Unknown browser".
 */
@Component
public class DeviceNames {

	private static final int CACHE_LIMIT = 10_000;

	private static final Set<String> BROWSERS = Set.of("Chrome", "Chrome Mobile", "Chrome Mobile iOS",
			"Chrome Mobile WebView", "Chromium", "HeadlessChrome", "Firefox", "Firefox Mobile", "Firefox iOS", "Safari",
			"Mobile Safari", "Mobile Safari UI/WKWebView", "Edge", "Edge Mobile", "Opera", "Opera Mobile", "Brave",
			"Vivaldi", "Samsung Internet", "Yandex Browser", "UC Browser", "DuckDuckGo Mobile", "Electron", "curl",
			"okhttp", "Python Requests", "Go-http-client", "Java", "Apache-HttpClient", "Wget", "PostmanRuntime");

	private static final Set<String> SYSTEMS = Set.of("Windows", "Mac OS X", "macOS", "iOS", "iPadOS", "Android",
			"Linux", "Ubuntu", "Debian", "Fedora", "Chrome OS", "ChromeOS", "FreeBSD", "OpenBSD", "HarmonyOS");

	/** The parser compiles a few hundred patterns, in the background once the application is ready. */
	private final Background<Parser> parser = Background.load("user-agent-parser", Parser::new);

	private final Map<String, String> cache = new ConcurrentHashMap<>();

	public String describe(String userAgent) {
		if (userAgent.isBlank()) {
			return "Unknown device";
		}
		String cached = this.cache.get(userAgent);
		if (cached != null) {
			return cached;
		}
		String name = parse(userAgent);
		if (this.cache.size() < CACHE_LIMIT) {
			this.cache.put(userAgent, name);
		}
		return name;
	}

	private String parse(String userAgent) {
		Client client = this.parser.get().parse(userAgent);
		String browser = "Unknown browser";
		if (client.userAgent != null && BROWSERS.contains(client.userAgent.family)) {
			browser = client.userAgent.family + version(client.userAgent.major);
		}
		String os = client.os != null && SYSTEMS.contains(client.os.family) ? client.os.family : null;
		return os == null ? browser : browser + " on " + os;
	}

	/** A major version is digits only; anything else is dropped. */
	private static String version(String major) {
		return major != null && major.matches("\\d{1,4}") ? " " + major : "";
	}

	@EventListener(ApplicationReadyEvent.class)
	void loadWhenReady() {
		this.parser.start();
	}
}
