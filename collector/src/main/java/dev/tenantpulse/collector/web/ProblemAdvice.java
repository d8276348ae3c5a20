package dev.tenantpulse.collector.web;

import dev.tenantpulse.access.web.ApiException;
import dev.tenantpulse.access.web.ProblemHandlers;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where errors become HTTP answers: the shared RFC 9457 mapping ({@link
 * ProblemHandlers}), with every refusal counted by its code.
 */
@RestControllerAdvice
class ProblemAdvice extends ProblemHandlers {

  private final MeterRegistry meters;

  ProblemAdvice(MeterRegistry meters) {
    super("the collector failed unexpectedly; nothing of this request was accepted");
    this.meters = meters;
  }

  @Override
  protected void refused(ApiException e) {
    meters.counter("collector.requests.refused", "code", e.code()).increment();
  }
}
