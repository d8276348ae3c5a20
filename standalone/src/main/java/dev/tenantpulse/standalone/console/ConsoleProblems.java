package dev.tenantpulse.standalone.console;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
 * Where the console's errors become answers, once: RFC 9457 problem details with a stable {@code
 * code}, never a stack trace. Problems are always JSON, whatever the request accepted (a CSV client
 * still gets a readable reason).
 */
@RestControllerAdvice
class ConsoleProblems {

  private static final Logger log = LoggerFactory.getLogger(ConsoleProblems.class);

  @ExceptionHandler(ConsoleException.class)
  ResponseEntity<ProblemDetail> console(ConsoleException e) {
    ProblemDetail body = problem(e.status(), e.code(), e.getMessage());
    e.details().forEach(body::setProperty);
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
    if (e.status() == HttpStatus.TOO_MANY_REQUESTS) {
      answer.header(HttpHeaders.RETRY_AFTER, "1");
    }
    return answer.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    return of(HttpStatus.BAD_REQUEST, "malformed_body", "the request body is not readable JSON");
  }

  @ExceptionHandler({
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class
  })
  ResponseEntity<ProblemDetail> parameter(Exception e) {
    return of(HttpStatus.BAD_REQUEST, "bad_parameter", e.getMessage());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
    return of(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        "send application/json (or the SQL as text/plain to /api/sql)");
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return of(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "answers are JSON or CSV");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
    return of(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", e.getMessage());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NoResourceFoundException e) {
    return of(HttpStatus.NOT_FOUND, "not_found", "no such endpoint");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("unexpected error while serving a console request", e);
    return of(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal_error",
        "the console failed unexpectedly; see logs/tenant-pulse.log in the data directory");
  }

  private static ResponseEntity<ProblemDetail> of(HttpStatus status, String code, String detail) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(status, code, detail));
  }

  static ProblemDetail problem(HttpStatus status, String code, String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setType(URI.create("https://tenant-pulse.dev/problems/" + code));
    body.setProperty("code", code);
    return body;
  }
}
