package dev.tenantpulse.warehouse.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementGuardTests {

  @Test
  void refusesATrailingFormatClause() {
    assertThat(StatementGuard.refusal("SELECT 1 FORMAT CSV"))
        .hasValueSatisfying(e -> assertThat(e.getMessage()).contains("--format"));
  }

  @Test
  void looksOnlyAtCodeNotAtStringsOrComments() {
    assertThat(StatementGuard.refusal("SELECT 'x', \"FORMAT CSV\" -- FORMAT CSV")).isEmpty();
    assertThat(StatementGuard.refusal("SELECT /* FORMAT CSV */ 'it\\'s FORMAT CSV'")).isEmpty();
    assertThat(StatementGuard.refusal("SELECT format, outfile FROM t")).isEmpty();
  }

  @Test
  void blanksQuotesAndCommentsButKeepsTheRest() {
    assertThat(SqlCode.codeOnly("a 'b;c' -- d\ne /* f */ g")).isEqualTo("a '   '  \ne   g");
  }
}
