package dev.tenantpulse.dashboards.model;

import tools.jackson.databind.node.ObjectNode;

/** An annotation query: events drawn as markers on every time series panel of the dashboard. */
public sealed interface Annotation permits BuiltInAnnotation, PrometheusAnnotation, SqlAnnotation {

  String name();

  ObjectNode toJson();
}
