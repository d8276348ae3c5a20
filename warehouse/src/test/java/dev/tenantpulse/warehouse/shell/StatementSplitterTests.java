package dev.tenantpulse.warehouse.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTests {

  private static List<String> split(String... lines) {
    StatementSplitter splitter = new StatementSplitter();
    List<String> statements = new ArrayList<>();
    for (String line : lines) {
      statements.addAll(splitter.add(line));
    }
    String rest = splitter.flush();
    if (rest != null) {
      statements.add(rest);
    }
    return statements;
  }

  @Test
  void endsStatementsAtSemicolonsAcrossLines() {
    assertThat(split("SELECT 1; SELECT", "  2", ";")).containsExactly("SELECT 1", "SELECT\n  2");
  }

  @Test
  void ignoresSemicolonsInQuotesAndComments() {
    assertThat(split("SELECT 'a;b', `c;d`, \"e;f\" -- g;h", "/* i; */ ;"))
        .containsExactly("SELECT 'a;b', `c;d`, \"e;f\" -- g;h\n/* i; */");
    assertThat(split("SELECT 'it\\'s;';")).containsExactly("SELECT 'it\\'s;'");
  }

  @Test
  void keepsAQuoteOpenAcrossLines() {
    StatementSplitter splitter = new StatementSplitter();

    assertThat(splitter.add("SELECT 'a;")).isEmpty();
    assertThat(splitter.pending()).isTrue();
    assertThat(splitter.add("b';")).containsExactly("SELECT 'a;\nb'");
    assertThat(splitter.pending()).isFalse();
  }

  @Test
  void skipsEmptyStatementsAndLonelyComments() {
    assertThat(split(";;", "-- only a comment", "  ")).isEmpty();
  }

  @Test
  void returnsAnUnterminatedLastStatement() {
    assertThat(split("SELECT 1;", "SELECT 2")).containsExactly("SELECT 1", "SELECT 2");
  }
}
