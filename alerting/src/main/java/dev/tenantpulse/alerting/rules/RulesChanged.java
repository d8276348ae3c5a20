package dev.tenantpulse.alerting.rules;

/** Published whenever the rules in force change (start, API, or the file edited by hand). */
public record RulesChanged(RulesDocument rules) {}
