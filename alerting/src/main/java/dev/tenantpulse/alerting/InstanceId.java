package dev.tenantpulse.alerting;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * This instance's name in outbox claims, the evaluation log and Quartz: the configured id, or
 * (AUTO) the host name with a random suffix, so two instances on one host differ.
 */
public record InstanceId(String value) {

  public static InstanceId from(String configured) {
    if (!configured.equals("AUTO")) {
      return new InstanceId(configured);
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "alerting";
    }
    return new InstanceId(host + "-" + UUID.randomUUID().toString().substring(0, 8));
  }
}
