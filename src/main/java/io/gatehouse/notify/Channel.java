package io.gatehouse.notify;

/** Where a message goes. */
enum Channel {
	EMAIL, SMS
}
