package io.gatehouse.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ua_parser.Client;
import ua_parser.Parser;

import io.gatehouse.shared.Background;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Turns a User-Agent into a name a person recognises, such as "Chrome 131 on Linux". */
@Component
public class DeviceNames {

	private static final int CACHE_LIMIT = 10_000;

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
		String browser = client.userAgent == null || "Other".equals(client.userAgent.family) ? "Unknown browser"
				: client.userAgent.family + (client.userAgent.major == null ? "" : " " + client.userAgent.major);
		String os = client.os == null || "Other".equals(client.os.family) ? null : client.os.family;
		return os == null ? browser : browser + " on " + os;
	}

	@EventListener(ApplicationReadyEvent.class)
	void loadWhenReady() {
		this.parser.start();
	}
}
