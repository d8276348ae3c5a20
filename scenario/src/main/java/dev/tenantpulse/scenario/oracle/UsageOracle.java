package dev.tenantpulse.scenario.oracle;

import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/** {@code usage_daily}: the sum of counted usage quantities per UTC day, tenant and meter. */
final class UsageOracle {

  private record Key(LocalDate day, String tenantId, String meter) {}

  private static final Comparator<Key> ORDER =
      Comparator.comparing(Key::day).thenComparing(Key::tenantId).thenComparing(Key::meter);

  private UsageOracle() {}

  static List<ExpectedUsageDay> compute(List<TenantEvent> counted) {
    TreeMap<Key, Double> sums = new TreeMap<>(ORDER);
    for (TenantEvent e : counted) {
      if (e.type() == EventType.USAGE) {
        LocalDate day = LocalDate.ofInstant(e.timestamp(), ZoneOffset.UTC);
        sums.merge(new Key(day, e.tenantId(), e.meter()), e.quantity(), Double::sum);
      }
    }
    List<ExpectedUsageDay> rows = new ArrayList<>(sums.size());
    sums.forEach((k, q) -> rows.add(new ExpectedUsageDay(k.day(), k.tenantId(), k.meter(), q)));
    return rows;
  }
}
