package dev.tenantpulse.billing.service;

import dev.tenantpulse.access.web.ProblemHandlers;
import dev.tenantpulse.billing.ledger.LedgerException;
import dev.tenantpulse.billing.usage.WarehouseException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The one place where the billing API's errors become problem details. */
@RestControllerAdvice
class ProblemAdvice extends ProblemHandlers {

  ProblemAdvice() {
    super("the billing export failed unexpectedly; see its log");
  }

  @ExceptionHandler({LedgerException.class, WarehouseException.class})
  ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
    return answer(HttpStatus.SERVICE_UNAVAILABLE, "store_unavailable", e.getMessage());
  }
}
