package dev.tenantpulse.collector.web;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where errors become HTTP answers: RFC 9457 problem details with a stable {@code
 * code}, a readable {@code detail}, never a stack trace. Anything unexpected is logged with its
 * trace here and answered 500 without it.
 */
@RestControllerAdvice
class ProblemAdvice {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
  private final MeterRegistry meters;

  ProblemAdvice(MeterRegistry meters) {
    this.meters = meters;
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e) {
    ProblemDetail body = problem(e.status(), e.code(), e.getMessage());
    e.details().forEach(body::setProperty);
    ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
    if (e.retryAfter() != null) {
      response.header(
          HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
    }
    meters.counter("collector.requests.refused", "code", e.code()).increment();
    return response.body(body);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    return ResponseEntity.badRequest()
        .body(
            problem(HttpStatus.BAD_REQUEST, "malformed_body", "the request body is not readable"));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .body(
            problem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send the body as application/json"));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
        .body(problem(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", e.getMessage()));
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  ResponseEntity<ProblemDetail> header(MissingRequestHeaderException e) {
    return ResponseEntity.badRequest()
        .body(
            problem(
                HttpStatus.BAD_REQUEST,
                "missing_header",
                "the request lacks the " + e.getHeaderName() + " header"));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NoResourceFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(problem(HttpStatus.NOT_FOUND, "not_found", "no such endpoint"));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("unexpected error while serving a request", e);
    return ResponseEntity.internalServerError()
        .body(
            problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal_error",
                "the collector failed unexpectedly; nothing of this request was accepted"));
  }

  static ProblemDetail problem(HttpStatus status, String code, String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setType(URI.create("https://tenant-pulse.dev/problems/" + code));
    body.setProperty("code", code);
    return body;
  }
}
