package io.gatehouse.notify;

/** One way of handing a message to the outside world. */
interface Transport {

	void deliver(OutboxMessage message) throws DeliveryFailed;
}
