package dev.tenantpulse.access.web;

import java.net.URI;
import java.util.stream.Collectors;
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
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Where a service's errors become answers: RFC 9457 problem details ({@code
 * application/problem+json} whatever the request accepted) with a stable {@code code} in the type
 * URI and as a member, a readable {@code detail}, never a stack trace. Each service extends it
 * once, annotated {@code @RestControllerAdvice}, adding handlers for its own domain exceptions.
 */
public abstract class ProblemHandlers {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandlers.class);

  private final String failure;

  /**
   * @param failure the detail of a 500, e.g. what of the request was not done and where the log is
   */
  protected ProblemHandlers(String failure) {
    this.failure = failure;
  }

  /** Called for every {@link ApiException} answered, e.g. to count refusals by code. */
  protected void refused(ApiException e) {}

  @ExceptionHandler(ApiException.class)
  public ResponseEntity<ProblemDetail> api(ApiException e) {
    refused(e);
    ProblemDetail body = problem(e.status(), e.code(), e.getMessage());
    e.details().forEach(body::setProperty);
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
    e.headers().forEach((name, values) -> answer.header(name, values.toArray(String[]::new)));
    if (e.retryAfter() != null) {
      answer.header(
          HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
    }
    return answer.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  public ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    return answer(HttpStatus.BAD_REQUEST, "malformed_body", unreadableDetail(e));
  }

  /** The detail of an unreadable body; services may add the parser's reason. */
  protected String unreadableDetail(HttpMessageNotReadableException e) {
    return "the request body is not readable";
  }

  @ExceptionHandler({
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class
  })
  public ResponseEntity<ProblemDetail> parameter(Exception e) {
    return answer(HttpStatus.BAD_REQUEST, "bad_parameter", e.getMessage());
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  public ResponseEntity<ProblemDetail> header(MissingRequestHeaderException e) {
    return answer(
        HttpStatus.BAD_REQUEST,
        "missing_header",
        "the request lacks the " + e.getHeaderName() + " header");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  public ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
    return answer(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        "send the body as "
            + e.getSupportedMediaTypes().stream()
                .map(MediaType::toString)
                .collect(Collectors.joining(" or ")));
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  public ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return answer(
        HttpStatus.NOT_ACCEPTABLE,
        "not_acceptable",
        "accept one of "
            + e.getSupportedMediaTypes().stream()
                .map(MediaType::toString)
                .collect(Collectors.joining(", ")));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  public ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
    return answer(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", e.getMessage());
  }

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  public ResponseEntity<ProblemDetail> notFound(Exception e) {
    return answer(HttpStatus.NOT_FOUND, "not_found", "no such endpoint");
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("unexpected error while serving a request", e);
    return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", failure);
  }

  /** A problem answer, for services' own handlers. */
  public static ResponseEntity<ProblemDetail> answer(
      HttpStatus status, String code, String detail) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(status, code, detail));
  }

  /** The body: type {@code https://tenant-pulse.dev/problems/<code>}, member {@code code}. */
  public static ProblemDetail problem(HttpStatus status, String code, String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setType(URI.create("https://tenant-pulse.dev/problems/" + code));
    body.setProperty("code", code);
    return body;
  }
}
