package dev.tenantpulse.alerting.rules;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One rule of the rules file, validated and with every default filled in.
 *
 * @param name unique name, also the Quartz job name and part of every dedup key
 * @param params the kind's parameters: Double, Integer, Boolean or String by their {@link
 *     ParamSpec}
 * @param forDuration how long the condition must hold before pending turns into firing
 * @param repeatInterval how often a still-firing alert is notified again
 * @param noDataAfter how far the newest row of the kind's table may lag before "no data"
 * @param channels names of the channels notified, in order
 */
public record Rule(
    String name,
    RuleKind kind,
    boolean enabled,
    Map<String, Object> params,
    Duration forDuration,
    Duration evaluationInterval,
    Duration repeatInterval,
    Duration noDataAfter,
    Severity severity,
    List<String> channels,
    String description) {

  public Rule {
    params = Map.copyOf(params);
    channels = List.copyOf(channels);
  }

  public double number(String param) {
    return ((Number) params.get(param)).doubleValue();
  }

  public int integer(String param) {
    return ((Number) params.get(param)).intValue();
  }

  /** A {@link ParamSpec.Type#CHOICE} parameter's word. */
  public String choice(String param) {
    return (String) params.get(param);
  }

  public boolean flag(String param) {
    return (Boolean) params.get(param);
  }
}
