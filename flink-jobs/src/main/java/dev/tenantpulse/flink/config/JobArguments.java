package dev.tenantpulse.flink.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Command-line arguments of the job's mains: {@code --config <file>} loads a properties file, then
 * every {@code --key value} (or {@code --key=value}) overrides one property of it. Keys a main
 * handles itself (such as {@code --from}) are taken out with {@link #take}.
 */
public final class JobArguments {

  private final Map<String, String> values;

  private JobArguments(Map<String, String> values) {
    this.values = values;
  }

  /** Parses {@code args}; throws {@link InvalidConfigException} on a malformed line or file. */
  public static JobArguments parse(String... args) {
    Map<String, String> cli = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        problems.add("argument '" + arg + "': expected --key value");
        continue;
      }
      String key = arg.substring(2);
      int eq = key.indexOf('=');
      if (eq > 0) {
        cli.put(key.substring(0, eq), key.substring(eq + 1));
      } else if (i + 1 < args.length) {
        cli.put(key, args[++i]);
      } else {
        problems.add("argument '" + arg + "': has no value");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    Map<String, String> merged = new LinkedHashMap<>();
    String file = cli.remove("config");
    if (file != null) {
      merged.putAll(load(Path.of(file)));
    }
    merged.putAll(cli);
    return new JobArguments(merged);
  }

  private static Map<String, String> load(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InvalidConfigException(List.of("--config: no such file " + file.toAbsolutePath()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --config " + file, e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
    return values;
  }

  /** Removes and returns a key the calling main handles itself; null when absent. */
  public String take(String key) {
    return values.remove(key);
  }

  /** The job configuration from what is left. */
  public JobConfig jobConfig() {
    return JobConfig.fromProperties(values);
  }

  public Map<String, String> properties() {
    return Map.copyOf(values);
  }
}
