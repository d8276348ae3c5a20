package dev.tenantpulse.flink.metrics.adoption;

import dev.tenantpulse.flink.metrics.Binds;
import dev.tenantpulse.flink.sink.TableWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes {@link FeatureAdoptionRow}s to {@code feature_adoption_daily}. */
public final class FeatureAdoptionRowWriter implements TableWriter<FeatureAdoptionRow> {

  private static final long serialVersionUID = 1L;

  @Override
  public String table() {
    return "feature_adoption_daily";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "day",
        "plan",
        "feature",
        "in_catalog",
        "plan_tenants",
        "adopting_tenants",
        "adoption_ratio",
        "computed_at",
        "version");
  }

  @Override
  public void bind(PreparedStatement s, FeatureAdoptionRow row) throws SQLException {
    Binds.date(s, 1, row.day());
    s.setString(2, row.plan());
    s.setString(3, row.feature());
    s.setInt(4, row.inCatalog() ? 1 : 0);
    s.setLong(5, row.planTenants());
    s.setLong(6, row.adoptingTenants());
    Binds.dbl(s, 7, row.adoptionRatio());
    Binds.instant(s, 8, row.computedAt());
    s.setLong(9, row.version());
  }
}
