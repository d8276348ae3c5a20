package dev.tenantpulse.collector.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /openapi.yaml}: the OpenAPI 3.1 description of the public endpoints.
 *
 * <p>Hand-written rather than generated (springdoc): the ingestion endpoints read their bodies raw
 * (size limits and gzip before any parsing), so a generator would see no request schema and we
 * would annotate every handler anyway; a resource also keeps start-up and dependencies light. It
 * cannot drift silently: {@code OpenApiDescriptionTests} fails when a mapped endpoint is missing
 * from it, or its enums leave the plan catalog.
 */
@RestController
class OpenApiController {

  static final String RESOURCE = "openapi/openapi.yaml";
  private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

  private final byte[] description;

  OpenApiController() {
    try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
      description = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("the OpenAPI description " + RESOURCE + " is missing", e);
    }
  }

  @GetMapping(path = "/openapi.yaml")
  ResponseEntity<byte[]> openApi() {
    return ResponseEntity.ok()
        .contentType(YAML)
        .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
        .body(description);
  }
}
