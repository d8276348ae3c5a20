package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The driver's own URL property {@code max_output_bytes}: read, kept from the engine, validated.
 */
class ChdbUrlTests {

  @Test
  void maxOutputBytesIsTheDriversNotASettingOfTheEngine() throws Exception {
    ChdbUrl url = ChdbUrl.parse("jdbc:chdb:/data?max_output_bytes=1048576&readonly=1", null);

    assertThat(url.maxOutputBytes()).isEqualTo(1_048_576);
    assertThat(url.settings()).doesNotContainKey("max_output_bytes").containsKey("readonly");
    assertThat(ChdbUrl.parse("jdbc:chdb:/data", null).maxOutputBytes()).isZero();
  }

  @Test
  void everyValueButAPositiveNumberOfBytesIsRefusedNamingTheProperty() {
    Random random = new Random(3);
    List<String> hostile =
        new ArrayList<>(
            List.of("0", "-1", "", " ", "1e6", "0x10", "9223372036854775808", "12MB", "NaN", "١٢"));
    for (int i = 0; i < 200; i++) {
      StringBuilder b = new StringBuilder();
      int n = 1 + random.nextInt(20);
      for (int c = 0; c < n; c++) {
        b.appendCodePoint(
            random.nextInt(4) == 0 ? random.nextInt(0x2FFF) : '0' + random.nextInt(75));
      }
      hostile.add(b.toString());
    }
    for (String value : hostile) {
      String text = value.strip();
      boolean valid = text.matches("[0-9]{1,18}") && Long.parseLong(text) > 0;
      String url =
          "jdbc:chdb:/data?max_output_bytes=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
      if (valid) {
        continue;
      }
      assertThatThrownBy(() -> ChdbUrl.parse(url, null))
          .as(value)
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
          .hasMessageContaining("max_output_bytes must be a positive number of bytes");
    }
  }
}
