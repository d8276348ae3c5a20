package dev.tenantpulse.alerting.api;

import dev.tenantpulse.access.web.ProblemHandlers;
import dev.tenantpulse.alerting.rules.InvalidRulesException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where errors become HTTP answers: the shared RFC 9457 mapping ({@link
 * ProblemHandlers}) plus alerting's own. A refused rules document lists every problem as {@code
 * {rule|channel, field, reason}}.
 */
@RestControllerAdvice
class ProblemAdvice extends ProblemHandlers {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  ProblemAdvice() {
    super("alerting failed unexpectedly; see its log");
  }

  @ExceptionHandler(InvalidRulesException.class)
  ResponseEntity<ProblemDetail> invalidRules(InvalidRulesException e) {
    ResponseEntity<ProblemDetail> answer =
        answer(HttpStatus.BAD_REQUEST, "invalid_rules", e.getMessage());
    answer.getBody().setProperty("problems", e.problems());
    return answer;
  }

  /** A rules document is the caller's own text: the parser's first line helps them fix it. */
  @Override
  protected String unreadableDetail(HttpMessageNotReadableException e) {
    String reason = e.getMostSpecificCause().getMessage();
    return "the request body is not readable"
        + (reason == null ? "" : ": " + reason.lines().findFirst().orElse(""));
  }

  /**
   * ClickHouse or the metadata database did not answer (an evaluation asked for by hand): not the
   * caller's fault and worth retrying, so 503 with the reason rather than a bare 500.
   */
  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<ProblemDetail> unavailable(DataAccessException e) {
    log.warn("a request failed on a database: {}", e.getMostSpecificCause().toString());
    ResponseEntity<ProblemDetail> answer =
        answer(
            HttpStatus.SERVICE_UNAVAILABLE,
            "database_unavailable",
            "a database did not answer: " + e.getMessage());
    return ResponseEntity.status(answer.getStatusCode())
        .headers(answer.getHeaders())
        .header("Retry-After", "30")
        .body(answer.getBody());
  }
}
