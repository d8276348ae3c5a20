package dev.tenantpulse.alerting.channels;

import dev.tenantpulse.alerting.notify.Notification;
import dev.tenantpulse.alerting.rules.ChannelConfig;

/** Delivers notifications to one type of channel. Returns normally only once it was accepted. */
public interface ChannelSender {

  /** The channel type it serves, as in the rules file. */
  String type();

  /** Sends {@code notification} to {@code channel}; throws when it was not accepted. */
  void send(ChannelConfig channel, Notification notification) throws DeliveryException;
}
