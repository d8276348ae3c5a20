package dev.tenantpulse.standalone.soak;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's checks: each printed when it is decided, all again at the end; exit 0 when all pass.
 */
final class Checks {

  private record Check(String name, boolean passed, String detail) {
    String line() {
      return (passed ? "PASS " : "FAIL ") + name + ": " + detail;
    }
  }

  private final PrintStream out;
  private final List<Check> checks = new ArrayList<>();

  Checks(PrintStream out) {
    this.out = out;
  }

  void add(String name, boolean passed, String detail) {
    Check check = new Check(name, passed, detail);
    checks.add(check);
    out.println(check.line());
  }

  /** Prints every check; answers whether all passed. */
  boolean print() {
    out.println();
    checks.forEach(c -> out.println(c.line()));
    boolean passed = !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    out.println(passed ? "PASS: every check" : "FAIL: see the FAIL lines above");
    return passed;
  }
}
