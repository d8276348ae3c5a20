package dev.tenantpulse.standalone.support;

import dev.tenantpulse.standalone.DataDirectory;
import dev.tenantpulse.standalone.Endpoints;
import dev.tenantpulse.standalone.StandaloneOptions;
import dev.tenantpulse.standalone.TenantPulseRuntime;
import dev.tenantpulse.standalone.flink.TenantPulsePipelines;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A whole runtime on free ports with the {@link CountingPipeline} as its Flink job: what the tests'
 * shared runtime and the benchmarks that need a console start.
 */
public record CountingRuntime(DataDirectory data, TenantPulseRuntime runtime, Endpoints endpoints) {

  /**
   * Starts one on {@code dataDir} (locked until {@link #stop()}).
   *
   * @param extraArguments more command-line options, e.g. {@code --boards-database x}
   */
  public static CountingRuntime start(
      Path dataDir, String adminToken, List<String> extraArguments, PrintStream out)
      throws Exception {
    List<String> arguments =
        new ArrayList<>(
            FreePorts.with("--data-dir", dataDir.toString(), "--admin-token", adminToken));
    arguments.addAll(extraArguments);
    StandaloneOptions options = StandaloneOptions.parse(arguments, Map.of());
    DataDirectory data = new DataDirectory(options.dataDir());
    data.lock();
    CountingPipeline.createTable("jdbc:chdb:" + data.clickhouse());
    TenantPulseRuntime runtime =
        new TenantPulseRuntime(
            options,
            data,
            TenantPulsePipelines.Availability.of(new CountingPipeline()),
            TenantPulseRuntime.Extensions.none(),
            out);
    return new CountingRuntime(data, runtime, runtime.start());
  }

  public String warehouseUrl() {
    return runtime.warehouseUrl();
  }

  public void stop() {
    runtime.stop();
    data.close();
  }
}
