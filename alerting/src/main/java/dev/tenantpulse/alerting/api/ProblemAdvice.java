package dev.tenantpulse.alerting.api;

import dev.tenantpulse.alerting.rules.InvalidRulesException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where errors become HTTP answers: RFC 9457 problem details with a stable {@code
 * code} and a readable {@code detail}, never a stack trace. A refused rules document lists every
 * problem as {@code {rule|channel, field, reason}}.
 */
@RestControllerAdvice
class ProblemAdvice {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e) {
    ProblemDetail body = problem(e.status(), e.code(), e.getMessage());
    e.details().forEach(body::setProperty);
    return ResponseEntity.status(e.status()).body(body);
  }

  @ExceptionHandler(InvalidRulesException.class)
  ResponseEntity<ProblemDetail> invalidRules(InvalidRulesException e) {
    ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "invalid_rules", e.getMessage());
    body.setProperty("problems", e.problems());
    return ResponseEntity.badRequest().body(body);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    String reason = e.getMostSpecificCause().getMessage();
    return ResponseEntity.badRequest()
        .body(
            problem(
                HttpStatus.BAD_REQUEST,
                "malformed_body",
                "the request body is not readable"
                    + (reason == null ? "" : ": " + reason.lines().findFirst().orElse(""))));
  }

  @ExceptionHandler({
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class
  })
  ResponseEntity<ProblemDetail> parameter(Exception e) {
    return ResponseEntity.badRequest()
        .body(problem(HttpStatus.BAD_REQUEST, "bad_parameter", e.getMessage()));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .body(
            problem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send " + e.getSupportedMediaTypes()));
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE)
        .body(
            problem(
                HttpStatus.NOT_ACCEPTABLE,
                "not_acceptable",
                "accept one of " + e.getSupportedMediaTypes()));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
        .body(problem(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", e.getMessage()));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NoResourceFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(problem(HttpStatus.NOT_FOUND, "not_found", "no such endpoint"));
  }

  /**
   * ClickHouse or the metadata database did not answer (an evaluation asked for by hand): not the
   * caller's fault and worth retrying, so 503 with the reason rather than a bare 500.
   */
  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<ProblemDetail> unavailable(DataAccessException e) {
    log.warn("a request failed on a database: {}", e.getMostSpecificCause().toString());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "30")
        .body(
            problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "database_unavailable",
                "a database did not answer: " + e.getMessage()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("unexpected error while serving a request", e);
    return ResponseEntity.internalServerError()
        .body(
            problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal_error",
                "alerting failed unexpectedly; see its log"));
  }

  static ProblemDetail problem(HttpStatus status, String code, String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setType(URI.create("https://tenant-pulse.dev/problems/" + code));
    body.setProperty("code", code);
    return body;
  }
}
