package dev.tenantpulse.alerting.evaluation;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.SchedulerConfigException;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.SchedulerSignaler;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

/**
 * Spring's job store on the application's DataSource, registered with Quartz under a name of its
 * own instance. Quartz keeps connection providers in a JVM-wide registry, and Spring names them
 * after the scheduler name, which every member of a Quartz cluster shares: two alerting instances
 * in one JVM (the one-process runtime next to a test, or the clustering tests) would otherwise both
 * use whichever DataSource registered last, and one would fail once the other closed it. The
 * scheduler name itself (the {@code SCHED_NAME} of every Quartz row and lock) is unchanged.
 */
public class InstanceScopedJobStore extends LocalDataSourceJobStore {

  @Override
  public void initialize(ClassLoadHelper loadHelper, SchedulerSignaler signaler)
      throws SchedulerConfigException {
    // Only set while the SchedulerFactoryBean initialises this store.
    DataSource tx = SchedulerFactoryBean.getConfigTimeDataSource();
    DataSource nonTx = SchedulerFactoryBean.getConfigTimeNonTransactionalDataSource();
    super.initialize(loadHelper, signaler);
    DataSource nonTxToUse = nonTx != null ? nonTx : tx;
    String scope = getInstanceName() + "." + getInstanceId();
    DBConnectionManager.getInstance()
        .addConnectionProvider(
            TX_DATA_SOURCE_PREFIX + scope, provider(() -> DataSourceUtils.doGetConnection(tx)));
    DBConnectionManager.getInstance()
        .addConnectionProvider(
            NON_TX_DATA_SOURCE_PREFIX + scope, provider(nonTxToUse::getConnection));
    setDataSource(TX_DATA_SOURCE_PREFIX + scope);
    setNonManagedTXDataSource(NON_TX_DATA_SOURCE_PREFIX + scope);
  }

  private interface ConnectionSource {
    Connection get() throws SQLException;
  }

  private static ConnectionProvider provider(ConnectionSource source) {
    return new ConnectionProvider() {
      @Override
      public Connection getConnection() throws SQLException {
        return source.get();
      }

      @Override
      public void shutdown() {
        // the DataSource belongs to the application context, which closes it
      }

      @Override
      public void initialize() {
        // nothing to set up: the DataSource is ready
      }
    };
  }
}
