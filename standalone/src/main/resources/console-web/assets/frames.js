// A panel's query result ({columns, rows}) read the way Grafana reads it: field configuration
// (defaults, then byName overrides), colours from thresholds, long results pivoted to one series
// per label combination ("long to wide"), and ${...} templates in titles, names and links.

const TIME = /^(Nullable\()?(LowCardinality\()?(Date|DateTime)/;
const NUMBER = /^(Nullable\()?(U?Int|Float|Decimal)/;

export const isTimeType = (type) => TIME.test(type || "");
export const isNumberType = (type) => NUMBER.test(type || "");
export const isDateOnly = (type) => /^(Nullable\()?Date(32)?(\)|$)/.test(type || "");

/** The field configuration of column `name`: the defaults with every byName override applied. */
export function fieldConfig(panel, name) {
  const defaults = panel.fieldConfig?.defaults || {};
  const config = {
    unit: defaults.unit,
    decimals: defaults.decimals,
    min: defaults.min,
    max: defaults.max,
    thresholds: defaults.thresholds,
    color: defaults.color,
    cellOptions: defaults.custom?.cellOptions,
    links: defaults.links,
    displayName: defaults.displayName,
    displayNameOverridden: false,
  };
  for (const override of panel.fieldConfig?.overrides || []) {
    if (override.matcher?.id !== "byName" || override.matcher.options !== name) {
      continue;
    }
    for (const p of override.properties || []) {
      switch (p.id) {
        case "custom.cellOptions":
          config.cellOptions = p.value;
          break;
        case "displayName":
          config.displayName = p.value;
          config.displayNameOverridden = true;
          break;
        default:
          config[p.id] = p.value;
      }
    }
  }
  return config;
}

// Grafana's named colours, darkened where needed so text in them keeps 4.5:1 on white.
const NAMED = {
  green: "#1a7f37",
  "dark-green": "#19612b",
  "semi-dark-green": "#1a7f37",
  red: "#c4162a",
  "dark-red": "#a1101f",
  orange: "#a34f00",
  "dark-orange": "#8a4300",
  yellow: "#7d6400",
  blue: "#1f60c4",
  purple: "#8f3bb8",
  text: "#1d232b",
};

export function cssColor(name) {
  if (!name || name === "transparent") {
    return null;
  }
  return NAMED[name] || name;
}

/** Grafana's value mappings of one value: {text, color} of the first mapping that matches, or null. */
export function mapValue(mappings, value) {
  for (const m of mappings || []) {
    if (m.type === "value" && value !== null && value !== undefined) {
      const hit = m.options?.[String(value)];
      if (hit) return { text: hit.text, color: hit.color };
    } else if (m.type === "range" && typeof value === "number") {
      const { from, to, result } = m.options || {};
      if ((from === null || from === undefined || value >= from) && (to === null || to === undefined || value <= to)) {
        return { text: result?.text, color: result?.color };
      }
    } else if (m.type === "special" && (value === null || value === undefined) && m.options?.match === "null") {
      return { text: m.options.result?.text, color: m.options.result?.color };
    }
  }
  return null;
}

/** The colour of the highest threshold step `value` reaches; null for transparent or none. */
export function thresholdColor(thresholds, value) {
  if (typeof value !== "number" || !thresholds?.steps?.length) {
    return null;
  }
  let color = null;
  for (const step of thresholds.steps) {
    if (step.value === null || step.value === undefined || value >= step.value) {
      color = step.color;
    }
  }
  return cssColor(color);
}

// Red, yellow, green: Grafana's continuous-RdYlGr scheme.
const RD_YL_GR = [
  [196, 22, 42],
  [242, 204, 12],
  [55, 135, 45],
];

/** The colour of `value` between min and max in a continuous scheme, as an rgb() string. */
export function continuousColor(value, min = 0, max = 1) {
  if (typeof value !== "number") {
    return null;
  }
  const t = Math.max(0, Math.min(1, max === min ? 1 : (value - min) / (max - min)));
  const scaled = t * (RD_YL_GR.length - 1);
  const i = Math.min(RD_YL_GR.length - 2, Math.floor(scaled));
  const f = scaled - i;
  const rgb = RD_YL_GR[i].map((c, k) => Math.round(c + (RD_YL_GR[i + 1][k] - c) * f));
  return `rgb(${rgb.join(", ")})`;
}

function channels(color) {
  const probe = /^#([0-9a-f]{6})$/i.exec(color);
  if (probe) {
    const n = parseInt(probe[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const rgb = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(color);
  return rgb ? rgb.slice(1, 4).map(Number) : [255, 255, 255];
}

function luminance(color) {
  const [r, g, b] = channels(color).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white, whichever reads better on `background` (WCAG contrast). */
export function textOn(background) {
  const l = luminance(background);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#000000" : "#ffffff";
}

/** Line colours for a light background, distinguishable and ≥ 3:1 against white. */
export const PALETTE = [
  "#1f60c4",
  "#c4462a",
  "#1a7f37",
  "#8f3bb8",
  "#a35f00",
  "#0f7f8c",
  "#c2185b",
  "#5d6b2f",
  "#6b4f2a",
  "#4a5561",
];

/** ${__field.labels.x}, ${__field.name} in a display name. */
export function fieldName(template, name, labels) {
  return template
    .replace(/\$\{__field\.labels\.([A-Za-z0-9_]+)\}/g, (_, l) => labels[l] ?? "")
    .replace(/\$\{__field\.(name|displayName)\}/g, name)
    .replace(/\$\{__series\.name\}/g, name);
}

/**
 * Long to wide: the first time column is x, text columns are labels, each numeric column and
 * label combination is a series. Returns {x: [...ms], series: [{name, column, labels, values}]}.
 */
export function toSeries(panel, result) {
  const columns = result.columns;
  let timeIndex = columns.findIndex((c) => isTimeType(c.type));
  if (timeIndex < 0) {
    timeIndex = 0;
  }
  const labelIndexes = [];
  const valueIndexes = [];
  columns.forEach((c, i) => {
    if (i === timeIndex) return;
    (isNumberType(c.type) ? valueIndexes : labelIndexes).push(i);
  });
  const byKey = new Map();
  const xs = new Set();
  for (const row of result.rows) {
    const x = row[timeIndex];
    if (typeof x !== "number") continue;
    xs.add(x);
    const labels = {};
    for (const i of labelIndexes) labels[columns[i].name] = row[i] === null ? "" : String(row[i]);
    for (const i of valueIndexes) {
      const key = columns[i].name + "\u0000" + labelIndexes.map((l) => row[l]).join("\u0000");
      let s = byKey.get(key);
      if (!s) {
        s = { column: columns[i].name, labels, points: new Map() };
        byKey.set(key, s);
      }
      s.points.set(x, row[i]);
    }
  }
  const x = [...xs].sort((a, b) => a - b);
  const series = [...byKey.values()].map((s) => {
    const config = fieldConfig(panel, s.column);
    let name;
    if (config.displayName) {
      name = fieldName(config.displayName, s.column, s.labels);
    } else if (labelIndexes.length) {
      const labelText = Object.values(s.labels).join(" · ");
      name = valueIndexes.length > 1 ? `${s.column} ${labelText}` : labelText;
    } else {
      name = s.column;
    }
    return {
      name: name || s.column,
      column: s.column,
      labels: s.labels,
      config,
      values: x.map((t) => (s.points.has(t) ? s.points.get(t) : null)),
    };
  });
  return { x, series };
}

/**
 * $var, ${var}, ${var:format} and [[var]] of the board's variables, as text (titles) — `values`
 * maps a name to {text, value} where both may be arrays.
 */
export function interpolate(text, values) {
  if (!text) return text;
  const replace = (whole, name) => {
    const v = values[name];
    if (!v) return whole;
    return Array.isArray(v.text) ? v.text.join(", ") : String(v.text);
  };
  return text
    .replace(/\$\{([A-Za-z0-9_]+)(?::[A-Za-z]+)?\}/g, replace)
    .replace(/\[\[([A-Za-z0-9_]+)\]\]/g, replace)
    .replace(/\$([A-Za-z0-9_]+)/g, replace);
}

/**
 * A data link's URL: ${__value.raw} and ${__value.text} (URL-encoded), ${__url_time_range},
 * ${__all_variables}, ${var:queryparam} and ${var}.
 */
export function linkUrl(template, { raw, text, timeRange, variables }) {
  return template
    .replace(/\$\{__value\.raw\}/g, encodeURIComponent(raw ?? ""))
    .replace(/\$\{__value\.text\}/g, encodeURIComponent(text ?? ""))
    .replace(/\$\{__url_time_range\}/g, timeRange)
    .replace(/\$\{__all_variables\}/g, variables.all)
    .replace(/\$\{([A-Za-z0-9_]+):queryparam\}/g, (w, n) => variables.param(n) ?? w)
    .replace(/\$\{([A-Za-z0-9_]+)\}/g, (w, n) => variables.raw(n) ?? w);
}
