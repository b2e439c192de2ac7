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
		try {
			connector.setProperty("address", InetAddress.getByName(address).getHostAddress());
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(setting + " is not an address", ex);
		}
		return connector;
	}
}
