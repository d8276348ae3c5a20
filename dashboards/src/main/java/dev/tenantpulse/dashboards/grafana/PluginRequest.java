package dev.tenantpulse.dashboards.grafana;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One HTTP request the Grafana ClickHouse plugin sends in HTTP mode: {@code POST} to the server's
 * root path with {@link #sql} as the body and {@link #urlParameters} as the query string.
 *
 * @param dashboard the dashboard's uid, or {@code plugin} for the plugin's own queries
 * @param title where the query comes from: {@code panel 4 "Drop ratio"}, {@code variable feature},
 *     {@code annotation "…"}, or {@code hello} / {@code ping} / {@code version}
 * @param sql the body: template variables interpolated and macros expanded, no {@code FORMAT}
 *     clause (the format comes from {@code default_format})
 * @param urlParameters what clickhouse-go puts in the URL, among them {@code default_format=Native}
 *     and {@code max_execution_time}
 */
public record PluginRequest(
    String dashboard, String title, String sql, Map<String, String> urlParameters) {

  public PluginRequest {
    Objects.requireNonNull(dashboard, "dashboard");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(sql, "sql");
    urlParameters = Map.copyOf(urlParameters);
  }

  /**
   * The query string as Go's {@code url.Values.Encode} writes it: keys sorted, form encoding (space
   * as {@code +}).
   */
  public String queryString() {
    return new TreeMap<>(urlParameters)
        .entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
  }

  /**
   * {@code base} (scheme, host, port; the plugin's path setting is empty) with the query string.
   */
  public URI uri(URI base) {
    String path =
        base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
    return URI.create(
        base.getScheme() + "://" + base.getRawAuthority() + path + "?" + queryString());
  }

  /**
   * The headers of a request without TLS: clickhouse-go puts the credentials in the URL and Go's
   * HTTP client turns them into Basic authentication; GZIP compression asks with {@code
   * Accept-Encoding} only (it never sets {@code enable_http_compression}, so servers answer plain).
   */
  public static Map<String, String> headers(String user, String password) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    headers.put("Accept-Encoding", "gzip");
    headers.put("User-Agent", PluginRequests.USER_AGENT);
    return headers;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return dashboard + " " + title;
  }
}
