package dev.tenantpulse.billing.stripe;

/** What became of one meter event call. */
public sealed interface SendOutcome {

  /** Stripe holds the event (a repeated identifier answers this too: it is not counted twice). */
  record Accepted() implements SendOutcome {}

  /** 429: too many calls; the same event is retried after a backoff. */
  record RateLimited(String message) implements SendOutcome {}

  /** 5xx, a timeout or a dropped connection: Stripe may or may not hold it; retried as is. */
  record Transient(String message) implements SendOutcome {}

  /** Another 4xx: Stripe refused the event and will refuse it again; the tenant's export stops. */
  record Refused(int status, String message) implements SendOutcome {}
}
