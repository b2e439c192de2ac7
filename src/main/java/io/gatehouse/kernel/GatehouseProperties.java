package io.gatehouse.kernel;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Installation-wide settings.
 *
 * @param environment {@code development} allows the zero-setup conveniences (embedded database,
 *        development mailbox, generated secrets); {@code production} refuses them
 * @param publicUrl the canonical origin users reach; every link in a message is built from it,
 *        never from the request's Host header
 * @param dataDir where the embedded database and development secrets live
 */
@ConfigurationProperties("gatehouse")
public record GatehouseProperties(@DefaultValue("development") Environment environment,
		@DefaultValue("http://localhost:8080") URI publicUrl, @DefaultValue(".gatehouse") Path dataDir) {

	public enum Environment {
		DEVELOPMENT, PRODUCTION
	}

	public GatehouseProperties {
		String scheme = publicUrl.getScheme();
		if (!"https".equals(scheme) && !"http".equals(scheme)) {
			throw new IllegalArgumentException("gatehouse.public-url must be an http(s) URL");
		}
		if (environment == Environment.PRODUCTION && !"https".equals(scheme)) {
			throw new IllegalArgumentException("gatehouse.public-url must use https in production");
		}
	}

	public boolean isProduction() {
		return this.environment == Environment.PRODUCTION;
	}

	/** An absolute link under the public URL; {@code path} must start with a slash. */
	public String link(String path) {
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException("path must start with /");
		}
		String base = this.publicUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}
}
