package dev.tenantpulse.dashboards.model;

import tools.jackson.databind.node.ObjectNode;

/**
 * Where a panel sits on Grafana's grid: 24 columns wide, rows of 30 px, origin top left.
 *
 * @param x first column (0–23)
 * @param y first row
 * @param w width in columns (1–24, and {@code x + w <= 24})
 * @param h height in rows
 */
public record GridPos(int x, int y, int w, int h) {

  /** Grafana's grid is 24 columns wide. */
  public static final int COLUMNS = 24;

  public GridPos {
    if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > COLUMNS) {
      throw new IllegalArgumentException(
          "grid position off the 24-column grid: x=" + x + " y=" + y + " w=" + w + " h=" + h);
    }
  }

  /** Whether the two rectangles share at least one grid cell. */
  public boolean overlaps(GridPos other) {
    return x < other.x + other.w && other.x < x + w && y < other.y + other.h && other.y < y + h;
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("h", h);
    node.put("w", w);
    node.put("x", x);
    node.put("y", y);
    return node;
  }
}
