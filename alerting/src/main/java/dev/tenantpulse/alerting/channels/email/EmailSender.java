package dev.tenantpulse.alerting.channels.email;

import dev.tenantpulse.alerting.AlertingProperties;
import dev.tenantpulse.alerting.channels.ChannelSender;
import dev.tenantpulse.alerting.channels.DeliveryException;
import dev.tenantpulse.alerting.notify.Notification;
import dev.tenantpulse.alerting.rules.ChannelConfig;
import dev.tenantpulse.alerting.rules.SecretReferences;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * SMTP email through {@code spring.mail.*}. The idempotency key is the Message-ID (and {@code
 * X-TenantPulse-Idempotency-Key}), so a redelivered message is the same message to mail systems.
 */
@Component
public class EmailSender implements ChannelSender {

  public static final String KEY_HEADER = "X-TenantPulse-Idempotency-Key";

  private final ObjectProvider<JavaMailSender> mail;
  private final String from;
  private final SecretReferences secrets;

  public EmailSender(
      ObjectProvider<JavaMailSender> mail,
      AlertingProperties properties,
      SecretReferences secrets) {
    this.mail = mail;
    this.from = properties.emailFrom();
    this.secrets = secrets;
  }

  @Override
  public String type() {
    return "email";
  }

  @Override
  public void send(ChannelConfig channel, Notification n) throws DeliveryException {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null) {
      throw new DeliveryException("no SMTP server configured (spring.mail.host)", true);
    }
    try {
      MimeMessage message = sender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom(from);
      helper.setTo(
          ((ChannelConfig.Email) channel)
              .to().stream().map(secrets::expand).toArray(String[]::new));
      helper.setSubject(subject(n));
      helper.setText(body(n));
      message.setHeader(KEY_HEADER, n.idempotencyKey());
      message.setHeader("Message-ID", "<" + n.idempotencyKey() + "@tenant-pulse>");
      sender.send(message);
    } catch (MessagingException | MailException e) {
      // The message may quote addresses: redacted, and no cause to log.
      throw new DeliveryException(
          "SMTP delivery failed: " + secrets.redact(e.getMessage(), channel.settings()), false);
    }
  }

  static String subject(Notification n) {
    String tag =
        switch (n.kind()) {
          case FIRING -> n.repeat() ? "[STILL FIRING]" : "[FIRING]";
          case RESOLVED -> "[RESOLVED]";
          case NO_DATA -> "[NO DATA]";
        };
    return tag + " " + n.title();
  }

  static String body(Notification n) {
    return n.summary()
        + "\n\n"
        + (n.description() == null || n.description().isBlank() ? "" : n.description() + "\n")
        + "rule: "
        + n.rule()
        + "\nlabels: "
        + n.labels()
        + "\nseverity: "
        + n.severity()
        + "\nstatus: "
        + n.status()
        + "\nepisode: "
        + n.episode()
        + " (since "
        + n.startedAt()
        + ")\nidempotency key: "
        + n.idempotencyKey()
        + "\n";
  }
}
