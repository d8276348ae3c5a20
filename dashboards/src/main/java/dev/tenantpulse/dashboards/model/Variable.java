package dev.tenantpulse.dashboards.model;

import tools.jackson.databind.node.ObjectNode;

/** A dashboard template variable, referenced in queries as {@code $name} or {@code ${name}}. */
public sealed interface Variable permits CustomVariable, QueryVariable, TextBoxVariable {

  String name();

  ObjectNode toJson();
}
