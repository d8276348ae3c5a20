package dev.tenantpulse.warehouse.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.warehouse.shell.ResultGrid.Column;
import dev.tenantpulse.warehouse.shell.ResultGrid.Kind;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableFormatterTests {

  private static final Column TENANT = new Column("tenant_id", "String", Kind.TEXT);
  private static final Column PLAN = new Column("plan", "Nullable(String)", Kind.TEXT);
  private static final Column ACTIVE = new Column("active_24h", "UInt64", Kind.NUMBER);

  private static List<String> row(String... cells) {
    return Arrays.asList(cells);
  }

  @Test
  void alignsColumnsUnderAHeaderWithNumbersOnTheRight() {
    ResultGrid grid =
        ResultGrid.of(
            List.of(TENANT, PLAN, ACTIVE),
            List.of(row("acme", "pro", "12"), row("g", "free", "3")));

    assertThat(new TableFormatter().format(grid))
        .isEqualTo(
            """
             tenant_id | plan | active_24h
            -----------+------+------------
             acme      | pro  |         12
             g         | free |          3
            """);
  }

  @Test
  void printsNullAsNull() {
    ResultGrid grid = ResultGrid.of(List.of(TENANT, PLAN), List.of(row("acme", null)));

    assertThat(new TableFormatter().format(grid)).contains(" acme      | NULL\n");
  }

  @Test
  void cutsLongCellsWithAnEllipsisAtTheWidthLimit() {
    ResultGrid grid = ResultGrid.of(List.of(TENANT), List.of(row("x".repeat(100))));

    String table = new TableFormatter(10).format(grid);

    assertThat(table.lines().toList().get(2)).isEqualTo(" xxxxxxxxx…");
    assertThat(table.lines().mapToInt(DisplayWidth::of).max()).hasValue(12); // the rule: 10 + 2
  }

  @Test
  void keepsEveryRowOnOneLineByEscapingControlCharacters() {
    ResultGrid grid = ResultGrid.of(List.of(TENANT), List.of(row("a\nb\tc")));

    assertThat(new TableFormatter().format(grid).lines()).hasSize(3).contains(" a\\nb\\tc");
  }

  @Test
  void measuresWideAndCombiningCharactersInTerminalColumns() {
    Column name = new Column("name", "String", Kind.TEXT);
    ResultGrid grid =
        ResultGrid.of(
            List.of(name, ACTIVE),
            List.of(row("東京", "1"), row("café", "22"), row("cafe\u0301", "333")));

    List<String> lines = new TableFormatter().format(grid).lines().toList();

    // Every separator sits in the same terminal column: 東京 is 4 columns wide, é with a
    // combining accent is one.
    assertThat(lines).allSatisfy(l -> assertThat(columnOf(l)).isEqualTo(6));
    assertThat(lines.get(2)).isEqualTo(" 東京 |          1");
  }

  @Test
  void cutsWideCharactersWithoutSplittingThem() {
    ResultGrid grid = ResultGrid.of(List.of(TENANT), List.of(row("東京都渋谷区")));

    assertThat(new TableFormatter(6).format(grid)).contains(" 東京…\n");
  }

  @Test
  void printsAHeaderForAnEmptyResultAndNothingForNoColumns() {
    assertThat(new TableFormatter().format(ResultGrid.of(List.of(TENANT), List.of())))
        .isEqualTo(" tenant_id\n-----------\n");
    assertThat(new TableFormatter().format(ResultGrid.of(List.of(), List.of()))).isEmpty();
  }

  @Test
  void summarisesRowsAndSeconds() {
    assertThat(TableFormatter.summary(1, Duration.ofMillis(12))).isEqualTo("1 row in 0.012 s");
    assertThat(TableFormatter.summary(2500, Duration.ofMillis(1234)))
        .isEqualTo("2500 rows in 1.234 s");
    assertThat(TableFormatter.truncationNote(10)).contains("cut at 10 rows");
  }

  /** The terminal column of the first {@code |} or {@code +} in a line. */
  private static int columnOf(String line) {
    int i = line.indexOf('|');
    if (i < 0) {
      i = line.indexOf('+');
    }
    return DisplayWidth.of(line.substring(0, i));
  }
}
