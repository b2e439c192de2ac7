package io.gatehouse.testsupport;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Drives the web UI over plain HTTP, keeping cookies by hand (the JDK's cookie store will not send
 * Secure cookies over http://, while browsers do for localhost). For header and CSRF checks; whole
 * journeys run in Chromium.
 */
public final class Browserless {

	private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

	private final ApiClient http;

	private final String base;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	public Browserless(int port) {
		this.http = new ApiClient(port);
		this.base = "http://127.0.0.1:" + port;
	}

	public ApiClient.Response get(String path) {
		return remember(this.http.send(withCookies(HttpRequest.newBuilder(URI.create(this.base + path)).GET()), null));
	}

	public ApiClient.Response post(String path, Map<String, String> form, String... headers) {
		String body = form.entrySet()
			.stream()
			.map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		return remember(this.http.send(withCookies(request), null, headers));
	}

	/** The hidden fields of the page's first form: {@code _csrf}, {@code flow}, … */
	public static Map<String, String> hiddenFields(ApiClient.Response page) {
		Map<String, String> out = new LinkedHashMap<>();
		Matcher m = HIDDEN.matcher(page.body());
		while (m.find()) {
			out.putIfAbsent(m.group(1), m.group(2));
		}
		return out;
	}

	/** Signs in through the form; returns the response to the POST. */
	public ApiClient.Response signIn(String identifier, String password) {
		Map<String, String> form = new LinkedHashMap<>(hiddenFields(get("/signin")));
		form.put("identifier", identifier);
		form.put("password", password);
		return post("/signin", form);
	}

	public void setCookie(String name, String value) {
		this.cookies.put(name, value);
	}

	public Map<String, String> cookies() {
		return this.cookies;
	}

	private HttpRequest.Builder withCookies(HttpRequest.Builder request) {
		if (!this.cookies.isEmpty()) {
			request.header("Cookie", this.cookies.entrySet()
				.stream()
				.map(e -> e.getKey() + "=" + e.getValue())
				.collect(Collectors.joining("; ")));
		}
		return request;
	}

	private ApiClient.Response remember(ApiClient.Response response) {
		for (Map.Entry<String, List<String>> h : response.headers().entrySet()) {
			if (h.getKey().equalsIgnoreCase("set-cookie")) {
				for (String cookie : h.getValue()) {
					String pair = cookie.split(";", 2)[0];
					int eq = pair.indexOf('=');
					String name = pair.substring(0, eq).trim();
					String value = pair.substring(eq + 1).trim();
					if (value.isEmpty() || cookie.toLowerCase().contains("max-age=0")) {
						this.cookies.remove(name);
					}
					else {
						this.cookies.put(name, value);
					}
				}
			}
		}
		return response;
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
