package dev.tenantpulse.standalone.console;

import dev.tenantpulse.access.UserException;
import dev.tenantpulse.access.web.ProblemHandlers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Where the console's errors become answers, once: the shared RFC 9457 mapping ({@link
 * ProblemHandlers}), always JSON whatever the request accepted (a CSV client still gets a readable
 * reason), plus refused user operations.
 */
@RestControllerAdvice
class ConsoleProblems extends ProblemHandlers {

  ConsoleProblems() {
    super("the console failed unexpectedly; see logs/tenant-pulse.log in the data directory");
  }

  @Override
  protected String unreadableDetail(HttpMessageNotReadableException e) {
    return "the request body is not readable JSON";
  }

  @ExceptionHandler(UserException.class)
  ResponseEntity<ProblemDetail> user(UserException e) {
    return switch (e.reason()) {
      case INVALID -> {
        ResponseEntity<ProblemDetail> answer =
            answer(HttpStatus.BAD_REQUEST, "invalid_user", e.getMessage());
        answer.getBody().setProperty("problems", e.problems());
        yield answer;
      }
      case EXISTS -> answer(HttpStatus.CONFLICT, "user_exists", e.getMessage());
      case UNKNOWN -> answer(HttpStatus.NOT_FOUND, "unknown_user", e.getMessage());
    };
  }
}
