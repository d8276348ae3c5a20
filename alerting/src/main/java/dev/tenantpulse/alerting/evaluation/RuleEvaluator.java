package dev.tenantpulse.alerting.evaluation;

import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.rules.RuleKind;
import java.time.Instant;
import java.util.List;

/**
 * Reads what one rule kind judges from ClickHouse and decides, per alert instance, whether the
 * condition holds at {@code now}. Either every instance's observation, or a single {@link
 * Observation#noData} when the table's newest row is older than the rule's {@code no_data_after},
 * or a single {@link Observation#noRowYet} when the table has no row to judge at all.
 */
public interface RuleEvaluator {

  RuleKind kind();

  List<Observation> evaluate(Rule rule, Instant now);
}
