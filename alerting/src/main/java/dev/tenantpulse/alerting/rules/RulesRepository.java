package dev.tenantpulse.alerting.rules;

import dev.tenantpulse.alerting.AlertingProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The rules in force, kept in a YAML file (the built-ins are copied there on first start). Every
 * change is validated first, so the file and the rules in force are always a valid document; a
 * hand-edited file with a mistake is refused (at start: start-up fails; later: logged, and the
 * previous rules stay).
 */
@Component
public class RulesRepository {

  private static final Logger log = LoggerFactory.getLogger(RulesRepository.class);
  private static final String BUILT_IN = "/dev/tenantpulse/alerting/builtin-rules.yaml";

  /** Writes plain YAML: no document marker, quotes only where YAML needs them. */
  public static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .build();

  private final Path file;
  private final RulesParser parser;
  private final ApplicationEventPublisher events;
  private RulesDocument current;
  private String currentText;

  /**
   * @param environment only to see whether mail is configured: references in channel settings are
   *     checked by {@code secrets}, against the process environment, never Spring's properties
   */
  public RulesRepository(
      AlertingProperties properties,
      Environment environment,
      SecretReferences secrets,
      ApplicationEventPublisher events) {
    this.file = Path.of(properties.rulesFile()).toAbsolutePath();
    this.parser = new RulesParser(secrets, environment.getProperty("spring.mail.host") != null);
    this.events = events;
    this.currentText = readOrCreate();
    this.current = parse(currentText, file.toString());
    log.info(
        "alerting rules from {}: {} rules, {} channels",
        file,
        current.rules().size(),
        current.channels().size());
  }

  public synchronized RulesDocument current() {
    return current;
  }

  public Path file() {
    return file;
  }

  /** Validates and stores a whole new document; refuses it, changing nothing, when invalid. */
  public synchronized RulesDocument replace(JsonNode tree, String source) {
    RulesDocument next = parser.parse(tree, source);
    String text = YAML.writeValueAsString(tree);
    write(text);
    currentText = text;
    current = next;
    events.publishEvent(new RulesChanged(next));
    return next;
  }

  /** Applies a JSON merge patch (RFC 7386) to the document in force, then {@link #replace}s. */
  public synchronized RulesDocument patch(JsonNode mergePatch, String source) {
    JsonNode merged = MergePatch.apply(current.source().deepCopy(), mergePatch);
    return replace(merged, source);
  }

  /**
   * The document in force with {@code mergePatch} applied and validated, neither stored nor
   * published: a draft to try (e.g. a backtest of a changed rule). Invalid: {@link
   * InvalidRulesException}.
   */
  public RulesDocument preview(JsonNode mergePatch, String source) {
    JsonNode merged = MergePatch.apply(current().source().deepCopy(), mergePatch);
    return parser.parse(merged, source);
  }

  /** Picks up a file changed by hand or by another instance sharing it; true when it changed. */
  public synchronized boolean reloadIfChanged() {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      log.warn("cannot read rules file {}: {}; keeping the rules in force", file, e.toString());
      return false;
    }
    if (text.equals(currentText)) {
      return false;
    }
    try {
      RulesDocument next = parse(text, file.toString());
      currentText = text;
      current = next;
      log.info("rules file {} changed: {} rules now", file, next.rules().size());
      events.publishEvent(new RulesChanged(next));
      return true;
    } catch (InvalidRulesException e) {
      log.error("{}; keeping the rules in force until the file is fixed", e.getMessage());
      currentText = text; // report once per change, not on every check
      return false;
    }
  }

  /** Parses YAML (or JSON, a subset) text into a validated document. */
  public RulesDocument parse(String text, String source) {
    return parser.parse(tree(text, source), source);
  }

  /** YAML or JSON text as a tree, refusing text that is neither with the parser's position. */
  public static JsonNode tree(String text, String source) {
    try {
      JsonNode tree = YAML.readTree(text);
      return tree == null || tree.isMissingNode() ? YAML.createObjectNode() : tree;
    } catch (JacksonException e) {
      throw new InvalidRulesException(
          source,
          java.util.List.of(
              new RuleProblem(null, null, "(document)", "not YAML: " + e.getOriginalMessage())));
    }
  }

  private String readOrCreate() {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        try (InputStream in = RulesRepository.class.getResourceAsStream(BUILT_IN)) {
          String builtIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          write(builtIn);
          log.info("wrote the built-in alerting rules to {}", file);
        }
      }
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the rules file " + file, e);
    }
  }

  private void write(String text) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, text);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the rules file " + file, e);
    }
  }

  /** RFC 7386: objects merge recursively, null removes, anything else replaces. */
  static final class MergePatch {
    private MergePatch() {}

    static JsonNode apply(JsonNode target, JsonNode patch) {
      if (!patch.isObject()) {
        return patch;
      }
      ObjectNode result =
          target != null && target.isObject() ? (ObjectNode) target : YAML.createObjectNode();
      for (Map.Entry<String, JsonNode> e : patch.properties()) {
        if (e.getValue().isNull()) {
          result.remove(e.getKey());
        } else {
          result.set(e.getKey(), apply(result.get(e.getKey()), e.getValue()));
        }
      }
      return result;
    }
  }
}
