package io.gatehouse.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.catalina.connector.Connector;

/** A Tomcat connector for one more listener (internal, KuCoin's hosts): a port on one address. */
public final class ExtraConnectors {

	private ExtraConnectors() {
	}

	/** @param setting the property that named the address, for the error when it is not one */
	public static Connector on(int port, String address, String setting) {
		Connector connector = new Connector();
		connector.setPort(port);
		// Not the main connector's server.tomcat.* settings: bounded on their own, so a flood on one of these
		// ports cannot take every thread or the database pool the main site needs.
		connector.setProperty("maxThreads", "64");
		connector.setProperty("acceptCount", "100");
		connector.setProperty("connectionTimeout", "20000");
		connector.setProperty("maxSwallowSize", "65536");
		try {
			connector.setProperty("address", InetAddress.getByName(address).getHostAddress());
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(setting + " is not an address", ex);
		}
		return connector;
	}
}
