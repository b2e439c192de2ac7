package io.gatehouse.notify;

/** Where a message goes. */
public enum Channel {
	EMAIL, SMS
}
