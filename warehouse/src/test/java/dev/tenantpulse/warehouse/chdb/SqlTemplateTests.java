package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Placeholders, statement boundaries and literals, as text: no engine needed. */
class SqlTemplateTests {

  @Test
  void questionMarksOutsideTextAreThePlaceholders() {
    SqlTemplate t =
        SqlTemplate.parse(
            "SELECT '?', \"?\", `?`, 'it''s ?', 'a\\'?' /* ? */, ? -- ?\n FROM t WHERE x = ?");
    assertThat(t.parameterCount()).isEqualTo(2);
  }

  @Test
  void aBoundStringBecomesOneQuotedLiteral() throws SQLException {
    SqlTemplate t = SqlTemplate.parse("SELECT ? AS v");
    String sql = t.render(new Object[] {"x'); DROP TABLE t; --\\\n\0"}, new boolean[] {true});
    assertThat(sql).isEqualTo("SELECT 'x\\'); DROP TABLE t; --\\\\\\n\\0' AS v");
    assertThat(SqlTemplate.isMultiStatement(sql)).isFalse();
  }

  @Test
  void renderingWithAnUnsetParameterIsRefused() {
    SqlTemplate t = SqlTemplate.parse("SELECT ?, ?");
    assertThatThrownBy(() -> t.render(new Object[] {1, null}, new boolean[] {true, false}))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("parameter 2");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1",
        "SELECT 1;",
        "SELECT 1 ;  \n",
        "SELECT 1; -- done",
        "SELECT 1; /* done */ ;",
        "SELECT ';DROP TABLE t'",
        "SELECT 1 -- ; DROP TABLE t",
        "SELECT `a;b` FROM t"
      })
  void oneStatementWithTrailingSemicolonsOrCommentsIsOne(String sql) {
    assertThat(SqlTemplate.isMultiStatement(sql)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1; SELECT 2",
        "SELECT 1;DROP TABLE t",
        "SELECT 1; -- first\nDROP TABLE t",
        "SELECT 'a;'; 'b'",
        "INSERT INTO t VALUES (1); TRUNCATE t"
      })
  void aSecondStatementIsDetected(String sql) {
    assertThat(SqlTemplate.isMultiStatement(sql)).isTrue();
  }
}
