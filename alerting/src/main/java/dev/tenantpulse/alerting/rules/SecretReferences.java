package dev.tenantpulse.alerting.rules;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * {@code ${NAME}} references to secrets in channel settings. A setting is kept as written (in the
 * rules file, the API and every {@link ChannelConfig}) and expanded from the process environment
 * only by a sender, just before it sends. NAME is an environment variable's name ({@code
 * [A-Z_][A-Z0-9_]*}) starting with the allowed prefix, and {@code ${} always starts one: there are
 * no defaults ({@code ${X:-d}}), no nesting, no Spring properties and no escape, so nothing the
 * caller writes reaches further than one variable. Whatever is said about a setting (a problem, a
 * delivery error, a log line) cites its references as written, never their values.
 */
public final class SecretReferences {

  private static final Pattern NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  /** Characters of a reference cited in a problem: a name may be of any length. */
  private static final int CITED = 80;

  private final EnvironmentVariables environment;
  private final String allowedPrefix;

  /**
   * @param allowedPrefix the variables references may name are those starting with it ("": any)
   */
  public SecretReferences(EnvironmentVariables environment, String allowedPrefix) {
    this.environment = Objects.requireNonNull(environment);
    this.allowedPrefix = Objects.requireNonNull(allowedPrefix);
  }

  /** References to any variable of {@code environment}. */
  public static SecretReferences anyOf(EnvironmentVariables environment) {
    return new SecretReferences(environment, "");
  }

  /** Whether {@code written} holds references (well-formed or not). */
  public static boolean hasReferences(String written) {
    return written.contains("${");
  }

  /**
   * Why {@code written} cannot be expanded: one reason per reference that cannot, citing it as
   * written; empty when it can.
   */
  public List<String> problems(String written) {
    List<String> problems = new ArrayList<>();
    for (Part part : parts(written)) {
      String problem = part.reference() ? problem(part) : null;
      if (problem != null) {
        problems.add(problem);
      }
    }
    return problems;
  }

  /**
   * {@code written} with its references replaced by their values: for sending only, never to be
   * shown or logged.
   *
   * @throws IllegalStateException (naming the reference) when one cannot be expanded
   */
  public String expand(String written) {
    StringBuilder out = new StringBuilder();
    for (Part part : parts(written)) {
      if (!part.reference()) {
        out.append(part.text());
        continue;
      }
      String problem = problem(part);
      if (problem != null) {
        throw new IllegalStateException("a channel setting " + problem);
      }
      out.append(environment.get(part.name()));
    }
    return out.toString();
  }

  /**
   * {@code text} with every value the references of {@code settings} expand to (alone, as the whole
   * setting, JSON-escaped, and a URL's path) replaced by the reference as written: for text from
   * outside that may quote what was sent, such as a receiver's answer or an SMTP error.
   */
  public String redact(String text, Collection<String> settings) {
    if (text == null) {
      return null;
    }
    Map<String, String> replacements = new LinkedHashMap<>();
    for (String setting : settings) {
      if (setting == null || !hasReferences(setting) || !problems(setting).isEmpty()) {
        continue;
      }
      replace(replacements, expand(setting), setting);
      for (Part part : parts(setting)) {
        if (part.name() != null) {
          replace(replacements, environment.get(part.name()), part.text());
        }
      }
    }
    // Longest first, so a value inside another is not left half replaced.
    List<Map.Entry<String, String>> ordered = new ArrayList<>(replacements.entrySet());
    ordered.sort(
        Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
    String redacted = text;
    for (Map.Entry<String, String> e : ordered) {
      redacted = redacted.replace(e.getKey(), e.getValue());
    }
    return redacted;
  }

  private static void replace(Map<String, String> replacements, String value, String written) {
    if (value == null || value.isEmpty()) {
      return;
    }
    replacements.putIfAbsent(value, written);
    StringBuilder quoted = new StringBuilder();
    JsonStringEncoder.getInstance().quoteAsString(value, quoted);
    replacements.putIfAbsent(quoted.toString(), written);
    // A receiver's "Cannot POST /services/…" quotes a URL's path alone, the secret part of many.
    try {
      URI uri = new URI(value);
      if (uri.isAbsolute() && uri.getRawPath() != null && uri.getRawPath().length() > 1) {
        String path = "(the path of " + written + ")";
        if (uri.getRawQuery() != null) {
          replacements.putIfAbsent(uri.getRawPath() + "?" + uri.getRawQuery(), path);
        }
        replacements.putIfAbsent(uri.getRawPath(), path);
        replacements.putIfAbsent(uri.getPath(), path);
      }
    } catch (URISyntaxException e) {
      // Not a URL: the value itself is all there is to redact.
    }
  }

  private String problem(Part part) {
    String cited = cited(part.text());
    if (part.name() == null) {
      return part.text().endsWith("}")
          ? "refers to "
              + cited
              + ", which is not an environment variable: write ${NAME} with NAME of A-Z, 0-9"
              + " and _, not starting with a digit (no defaults, nesting or Spring properties)"
          : "has " + cited + " without its closing '}': '${' always starts a reference ${NAME}";
    }
    if (!part.name().startsWith(allowedPrefix)) {
      return "refers to "
          + cited
          + ", which is not allowed: tenant-pulse.alerting.secrets.allowed-prefix is "
          + allowedPrefix;
    }
    String value = environment.get(part.name());
    if (value == null) {
      return "refers to " + cited + ", which is not set";
    }
    if (value.isEmpty()) {
      return "refers to " + cited + ", which is set but empty";
    }
    return null;
  }

  private static String cited(String reference) {
    if (reference.codePointCount(0, reference.length()) <= CITED) {
      return reference;
    }
    // By code point: half a surrogate pair would not survive being written as JSON.
    int head = reference.offsetByCodePoints(0, CITED - 2);
    int tail = reference.offsetByCodePoints(reference.length(), -1);
    return reference.substring(0, head) + "…" + reference.substring(tail);
  }

  /** Literal text, or a reference as written with its name (null when malformed). */
  private record Part(String text, boolean reference, String name) {}

  private static List<Part> parts(String written) {
    List<Part> parts = new ArrayList<>();
    int at = 0;
    while (at < written.length()) {
      int open = written.indexOf("${", at);
      if (open < 0) {
        parts.add(new Part(written.substring(at), false, null));
        break;
      }
      if (open > at) {
        parts.add(new Part(written.substring(at, open), false, null));
      }
      int close = written.indexOf('}', open + 2);
      if (close < 0) {
        parts.add(new Part(written.substring(open), true, null));
        break;
      }
      String name = written.substring(open + 2, close);
      parts.add(
          new Part(
              written.substring(open, close + 1),
              true,
              NAME.matcher(name).matches() ? name : null));
      at = close + 1;
    }
    return parts;
  }
}
