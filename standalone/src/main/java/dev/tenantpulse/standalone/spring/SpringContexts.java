package dev.tenantpulse.standalone.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Runs a Spring Boot application as one of several in this JVM, each in a context of its own.
 *
 * <p>What several Boot applications in one process need, and this does:
 *
 * <ul>
 *   <li><b>Their own {@code application.yaml}.</b> Every module ships one at the root of its jar;
 *       {@code classpath:application.yaml} would give every context the first one on the class
 *       path. Each context is pointed at the file inside its own application's jar.
 *   <li><b>No process-wide hooks.</b> The contexts do not register shutdown hooks (the runtime
 *       stops them in its order), do not re-initialise logging on each start (one logback
 *       configuration for the process), and do not add their meter registries to Micrometer's
 *       global registry, so each {@code /actuator/prometheus} shows its own application only.
 *   <li><b>Arguments as command-line properties</b>, which outrank the environment and the
 *       application's own file: the runtime's data paths and ports always win.
 * </ul>
 */
public final class SpringContexts {

  private SpringContexts() {}

  /**
   * Starts {@code application} with {@code properties} ({@code name=value}, no leading dashes).
   *
   * @param configName the base name of the config file for an application whose jar has no {@code
   *     application.yaml} of its own (its file is then {@code <configName>.yaml} on the class path)
   * @param beforeRefresh registers beans of the runtime into the context before it starts
   */
  public static ConfigurableApplicationContext run(
      Class<?> application,
      String configName,
      List<String> properties,
      Consumer<GenericApplicationContext> beforeRefresh) {
    ProcessLogging.install();
    List<String> args = new ArrayList<>();
    Optional<String> own = ownConfigFile(application);
    if (own.isPresent()) {
      args.add("--spring.config.location=" + own.get());
    } else {
      args.add("--spring.config.name=" + configName);
    }
    args.add("--spring.main.register-shutdown-hook=false");
    args.add("--logging.register-shutdown-hook=false");
    args.add("--management.metrics.use-global-registry=false");
    args.add("--spring.jmx.enabled=false");
    properties.forEach(p -> args.add("--" + p));
    return new SpringApplicationBuilder(application)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        .registerShutdownHook(false)
        .initializers(
            context -> {
              if (context instanceof GenericApplicationContext generic) {
                beforeRefresh.accept(generic);
              }
            })
        .run(args.toArray(String[]::new));
  }

  /** The port the context's web server listens on (the chosen one when configured as 0). */
  public static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /**
   * The {@code application.yaml} (or {@code .properties}) inside the jar or class directory that
   * holds {@code application}, as a Spring config location; empty when it has none.
   */
  static Optional<String> ownConfigFile(Class<?> application) {
    URL source = application.getProtectionDomain().getCodeSource().getLocation();
    Path path;
    try {
      path = Path.of(source.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the classes of " + application, e);
    }
    for (String name : List.of("application.yaml", "application.yml", "application.properties")) {
      if (Files.isDirectory(path)) {
        Path file = path.resolve(name);
        if (Files.isRegularFile(file)) {
          return Optional.of(file.toUri().toString());
        }
      } else if (jarContains(path, name)) {
        return Optional.of("jar:" + path.toUri() + "!/" + name);
      }
    }
    return Optional.empty();
  }

  private static boolean jarContains(Path jar, String entry) {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.getJarEntry(entry) != null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
  }
}
