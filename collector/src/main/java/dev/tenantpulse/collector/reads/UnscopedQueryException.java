package dev.tenantpulse.collector.reads;

/**
 * A query the tenant-scoped layer refuses to run: it reads a table without the tenant condition, or
 * has no tenant to scope it to. A programming error, never a client's: it surfaces as a 500 and
 * fails the tests of the query that caused it.
 */
public class UnscopedQueryException extends IllegalStateException {

  public UnscopedQueryException(String message) {
    super(message);
  }
}
