package dev.tenantpulse.standalone.console.boards;

import dev.tenantpulse.tenancy.events.IdPattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Generated hostile query-parameter values, from a seed so a failure repeats. */
final class HostileValues {

  private static final Set<String> PLANS =
      Set.of("free", "starter", "professional", "enterprise", "unknown", "$__all");

  private HostileValues() {}

  static List<String> generate(long seed, int random) {
    List<String> values =
        new ArrayList<>(
            List.of(
                "",
                " ",
                "'",
                "\\",
                "\\'",
                "sso' OR 1=1 --",
                "starter') UNION ALL SELECT name FROM system.users --",
                "${jndi:ldap://127.0.0.1/a}",
                "$__all'",
                "now-",
                "now-99999999d",
                "now+1d/q",
                "-1",
                "9999999999999999",
                "99999999999999",
                "1970-01-01T00:00:00.000000001Z",
                "2026-02-30",
                "now/",
                "NOW",
                "sso\u0000",
                "sso\r\nX-Injected: 1",
                "ＳＳＯ",
                "a".repeat(65),
                "a".repeat(10_000),
                "%27",
                "{plan:String}",
                "[[plan]]"));
    Random r = new Random(seed);
    String alphabet = "'\"\\`$;-/*#(){}[] \t\n%_.:,aAzZ09=<>|&!?@~^";
    for (int i = 0; i < random; i++) {
      StringBuilder s = new StringBuilder();
      int n = 1 + r.nextInt(40);
      for (int j = 0; j < n; j++) {
        switch (r.nextInt(3)) {
          case 0 -> s.append(alphabet.charAt(r.nextInt(alphabet.length())));
          case 1 -> s.append((char) (0x20 + r.nextInt(0x5f)));
          default -> s.appendCodePoint(0x80 + r.nextInt(0x2000));
        }
      }
      values.add(s.toString());
    }
    byte[] bytes = new byte[64];
    r.nextBytes(bytes);
    values.add(new String(bytes, StandardCharsets.ISO_8859_1));
    return values;
  }

  /** Whether a value may rightly pass as {@code parameter}. */
  static boolean harmless(String parameter, String value) {
    return switch (parameter) {
      case "var-plan" -> PLANS.contains(value);
      case "var-feature" -> IdPattern.matches(value);
      default -> value.matches("[0-9]{1,15}|now.*|\\d{4}-.*");
    };
  }
}
