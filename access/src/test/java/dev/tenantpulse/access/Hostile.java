package dev.tenantpulse.access;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** Generated hostile strings for credential tests, from a fixed seed so failures repeat. */
public final class Hostile {

  private Hostile() {}

  /** Fixed hostile values and {@code generated} random ones. */
  public static List<String> values(long seed, int generated) {
    List<String> values =
        new ArrayList<>(
            List.of(
                "",
                " ",
                ":",
                "::::",
                "\u0000",
                "admin\u0000",
                "\r\nX-Injected: 1",
                "' OR 1=1 --",
                "../../etc/passwd",
                "ＡＤＭＩＮ",
                "admın",
                "\uD800",
                "\uDFFF\uD800",
                "😀".repeat(40),
                "a".repeat(73),
                "é".repeat(40),
                "x".repeat(100_000),
                "%00",
                "${jndi:ldap://127.0.0.1/a}",
                "{bcrypt}$2a$10$abcdefghijklmnopqrstuu"));
    Random random = new Random(seed);
    for (int i = 0; i < generated; i++) {
      values.add(randomString(random));
    }
    return values;
  }

  static String randomString(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        yield new String(bytes, StandardCharsets.ISO_8859_1);
      }
      case 1 -> {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        yield new String(bytes, StandardCharsets.UTF_8);
      }
      case 2 -> {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(64);
        for (int j = 0; j < n; j++) {
          s.append((char) random.nextInt(Character.MAX_VALUE + 1));
        }
        yield s.toString();
      }
      default -> {
        byte[] bytes = new byte[random.nextInt(5_000)];
        random.nextBytes(bytes);
        yield Base64.getEncoder().encodeToString(bytes);
      }
    };
  }

  /** Hostile {@code Authorization} headers: malformed Basic and Bearer forms and random text. */
  public static List<String> headers(long seed, int generated) {
    List<String> headers =
        new ArrayList<>(
            List.of(
                "",
                "Basic",
                "Basic ",
                "Basic ====",
                "Basic !!!not-base64!!!",
                "Basic " + b64(":"),
                "Basic " + b64(":password-0123456"),
                "Basic " + b64("no-colon-at-all"),
                "Basic " + b64(""),
                "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':', 'x'}),
                "Basic " + b64("admin:"),
                "Basic " + b64("admin:wrong"),
                "Basic " + b64("nobody:some-password-123"),
                "Basic " + b64("x".repeat(10_000) + ":y"),
                "Basic " + "A".repeat(20_000),
                "Bearer",
                "Bearer ",
                "Bearer \u0000",
                "Bearer " + "t".repeat(9_000),
                "bEaReR wrong",
                "Digest username=\"admin\"",
                "Negotiate abc",
                "Basic\tYWRtaW46eA==",
                "Bearer test-admin-token-0123456789x"));
    Random random = new Random(seed);
    for (int i = 0; i < generated; i++) {
      String value = randomString(random);
      headers.add(
          switch (random.nextInt(3)) {
            case 0 -> "Basic " + b64(value);
            case 1 -> "Bearer " + value;
            default -> value;
          });
    }
    return headers;
  }

  public static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
