package dev.tenantpulse.dashboards;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the Grafana dashboards and provisioning files generated from code ({@code
 * bin/dashboards}).
 *
 * <pre>
 * bin/dashboards [--out dashboards/grafana] [--catalog catalog.json] [--check]
 * </pre>
 *
 * {@code --check} writes nothing and exits 1 when the files under {@code --out} differ from what
 * the code generates (for CI). {@code --catalog} generates for an operator's own plan catalog
 * instead of the default one.
 */
public final class DashboardsMain {

  private DashboardsMain() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of("dashboards", "grafana");
    Path catalogFile = null;
    boolean check = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(value(args, ++i, "--out"));
        case "--catalog" -> catalogFile = Path.of(value(args, ++i, "--catalog"));
        case "--check" -> check = true;
        case "-h", "--help" -> {
          System.out.println(
              "Usage: bin/dashboards [--out dashboards/grafana] [--catalog catalog.json] [--check]");
          return;
        }
        default -> fail("unknown argument " + args[i]);
      }
    }
    Path root = out;
    PlanCatalog catalog =
        catalogFile == null ? PlanCatalog.defaultCatalog() : PlanCatalog.load(catalogFile);
    GeneratedFiles files = GeneratedFiles.of(catalog);
    if (check) {
      List<String> differences = files.differencesFrom(out);
      differences.forEach(d -> System.out.println("out of date: " + root.resolve(d)));
      if (!differences.isEmpty()) {
        System.out.println("run bin/dashboards to regenerate");
        System.exit(1);
      }
      System.out.println(files.files().size() + " files under " + out + " are current");
      return;
    }
    files.writeTo(out);
    files.files().keySet().stream()
        .sorted()
        .forEach(f -> System.out.println("wrote " + root.resolve(f)));
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      fail(option + " needs a value");
    }
    return args[i];
  }

  private static void fail(String message) {
    System.err.println("dashboards: " + message);
    System.exit(2);
  }
}
