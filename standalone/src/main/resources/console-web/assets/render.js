// Stat, table, bar chart and pie chart panels: HTML, so values stay text a screen reader reads and
// a person can select. Each renderer returns false when the result has nothing to show.
import { h } from "./dom.js";
import {
  PALETTE,
  cssColor,
  continuousColor,
  fieldConfig,
  isDateOnly,
  isNumberType,
  isTimeType,
  linkUrl,
  mapValue,
  textOn,
  thresholdColor,
  toSeries,
} from "./frames.js";
import { formatDate, formatDateTime } from "./time.js";
import { formatValue } from "./units.js";

const lastNotNull = (values) => [...values].reverse().find((v) => v !== null && v !== undefined);

function cellText(value, column, config) {
  if (value === null || value === undefined) return "–";
  if (isTimeType(column.type) && typeof value === "number") {
    return isDateOnly(column.type) ? formatDate(value) : formatDateTime(value);
  }
  if (typeof value === "number") return formatValue(value, config.unit, config.decimals);
  return String(value);
}

/** Stat: the last non-null value per field (per series when the result has labels). */
export function renderStat(body, panel, result) {
  let stats;
  const hasTime = result.columns.some((c) => isTimeType(c.type));
  if (hasTime) {
    stats = toSeries(panel, result).series.map((s) => ({
      name: s.name,
      value: lastNotNull(s.values),
      config: s.config,
    }));
  } else {
    stats = result.columns
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => isNumberType(c.type))
      .map(({ c, i }) => {
        const config = fieldConfig(panel, c.name);
        return {
          name: config.displayName || c.name,
          value: lastNotNull(result.rows.map((r) => r[i])),
          config,
        };
      });
  }
  stats = stats.filter((s) => s.value !== undefined);
  if (!stats.length) return false;
  const list = h("div", { className: `stats stats-${Math.min(stats.length, 6)}` });
  for (const s of stats) {
    const colour = thresholdColor(s.config.thresholds, s.value);
    const value = h("span", { className: "stat-value" }, formatValue(s.value, s.config.unit, s.config.decimals));
    if (colour && panel.options?.colorMode !== "none") {
      value.style.color = colour;
    }
    list.append(
      h(
        "div",
        { className: "stat" },
        value,
        stats.length > 1 ? h("span", { className: "stat-name" }, s.name) : null,
      ),
    );
  }
  body.append(list);
  return true;
}

/** Table: units, dates in UTC, coloured cells (thresholds or a continuous scheme), data links. */
export function renderTable(body, panel, result, ctx) {
  if (!result.rows.length) return false;
  const columns = result.columns.map((c) => ({ ...c, config: fieldConfig(panel, c.name) }));
  let rows = result.rows.slice();
  let sort = { index: -1, dir: 1 };
  const table = h("table", { className: "data-table" });
  const caption = h("caption", { className: "visually-hidden" }, ctx.title);
  const headRow = h("tr");
  const tbody = h("tbody");
  columns.forEach((c, i) => {
    const button = h(
      "button",
      { type: "button", className: "sort", onClick: () => sortBy(i) },
      c.config.displayName || c.name,
    );
    headRow.append(
      h("th", { scope: "col", className: isNumberType(c.type) ? "num" : null, "aria-sort": "none" }, button),
    );
  });
  const drawBody = () => {
    tbody.replaceChildren(
      ...rows.map((row) =>
        h(
          "tr",
          {},
          columns.map((c, i) => cell(row[i], c, ctx)),
        ),
      ),
    );
  };
  const sortBy = (index) => {
    sort = { index, dir: sort.index === index ? -sort.dir : 1 };
    rows = result.rows.slice().sort((a, b) => {
      const x = a[index];
      const y = b[index];
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * sort.dir;
    });
    headRow.querySelectorAll("th").forEach((th, i) => {
      th.setAttribute("aria-sort", i === index ? (sort.dir > 0 ? "ascending" : "descending") : "none");
    });
    drawBody();
  };
  drawBody();
  table.append(caption, h("thead", {}, headRow), tbody);
  body.append(h("div", { className: "table-scroll", tabIndex: 0, role: "region", "aria-label": `${ctx.title} (table)` }, table));
  return true;
}

function cell(value, column, ctx) {
  const config = column.config;
  const mapped = mapValue(config.mappings, value);
  const text = mapped?.text ?? cellText(value, column, config);
  const td = h("td", { className: isNumberType(column.type) ? "num" : null });
  const links = config.links || [];
  if (links.length && value !== null && value !== undefined) {
    const link = links[0];
    const href = linkUrl(link.url, { raw: value, text, timeRange: ctx.timeRange, variables: ctx.variables });
    td.append(h("a", { href, title: link.title || null, target: link.targetBlank ? "_blank" : null }, text));
  } else {
    td.textContent = text;
  }
  const type = config.cellOptions?.type;
  if (type === "color-background" || type === "color-text") {
    let colour = null;
    if (mapped?.color) {
      colour = cssColor(mapped.color);
    } else if (typeof value === "number") {
      colour = String(config.color?.mode || "").startsWith("continuous")
        ? continuousColor(value, config.min ?? 0, config.max ?? 1)
        : thresholdColor(config.thresholds, value);
    }
    if (colour && type === "color-background") {
      td.style.backgroundColor = colour;
      td.style.color = textOn(colour);
      td.classList.add("coloured");
    } else if (colour) {
      td.style.color = colour;
      td.classList.add("coloured-text");
    }
  }
  return td;
}

/** Bar chart (horizontal): one bar per row, labelled by options.xField. */
export function renderBarchart(body, panel, result) {
  if (!result.rows.length) return false;
  const columns = result.columns;
  const xField = panel.options?.xField;
  let labelIndex = columns.findIndex((c) => c.name === xField);
  if (labelIndex < 0) labelIndex = columns.findIndex((c) => !isNumberType(c.type));
  const valueIndex = columns.findIndex((c, i) => i !== labelIndex && isNumberType(c.type));
  if (valueIndex < 0) return false;
  const config = fieldConfig(panel, columns[valueIndex].name);
  const values = result.rows.map((r) => r[valueIndex]);
  const max = config.max ?? Math.max(0, ...values.filter((v) => typeof v === "number"));
  const table = h("table", { className: "bars" });
  table.append(h("caption", { className: "visually-hidden" }, `${columns[labelIndex]?.name ?? ""} by ${columns[valueIndex].name}`));
  const tbody = h("tbody");
  result.rows.forEach((row, k) => {
    const v = row[valueIndex];
    const fillBar = h("span", { className: "bar-fill" });
    fillBar.style.width = `${max > 0 && typeof v === "number" ? Math.max(0, Math.min(100, (v / max) * 100)) : 0}%`;
    fillBar.style.backgroundColor = PALETTE[0];
    tbody.append(
      h(
        "tr",
        {},
        h("th", { scope: "row" }, labelIndex >= 0 ? String(row[labelIndex]) : String(k + 1)),
        h("td", { className: "bar-track", "aria-hidden": "true" }, fillBar),
        h("td", { className: "num" }, formatValue(v, config.unit, config.decimals)),
      ),
    );
  });
  table.append(tbody);
  body.append(table);
  return true;
}

/** Pie chart: a slice per numeric field of the one-row result, as a donut with a legend table. */
export function renderPiechart(body, panel, result) {
  if (!result.rows.length) return false;
  const row = result.rows[result.rows.length - 1];
  const slices = result.columns
    .map((c, i) => ({ c, v: row[i] }))
    .filter(({ c, v }) => isNumberType(c.type) && typeof v === "number")
    .map(({ c, v }) => ({ name: fieldConfig(panel, c.name).displayName || c.name, value: v, config: fieldConfig(panel, c.name) }));
  const total = slices.reduce((sum, s) => sum + Math.max(0, s.value), 0);
  if (!slices.length || total <= 0) return false;
  let angle = 0;
  const stops = slices.map((s, i) => {
    const start = angle;
    angle += (Math.max(0, s.value) / total) * 360;
    return `${PALETTE[i % PALETTE.length]} ${start}deg ${angle}deg`;
  });
  const donut = h("div", { className: "donut", "aria-hidden": "true" });
  donut.style.background = `conic-gradient(${stops.join(", ")})`;
  const legend = h("table", { className: "pie-legend" });
  legend.append(
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Slice"), h("th", { scope: "col", className: "num" }, "Value"), h("th", { scope: "col", className: "num" }, "Share"))),
  );
  const tbody = h("tbody");
  slices.forEach((s, i) => {
    const swatch = h("span", { className: "swatch", "aria-hidden": "true" });
    swatch.style.backgroundColor = PALETTE[i % PALETTE.length];
    tbody.append(
      h(
        "tr",
        {},
        h("th", { scope: "row" }, swatch, s.name),
        h("td", { className: "num" }, formatValue(s.value, s.config.unit, s.config.decimals)),
        h("td", { className: "num" }, formatValue(s.value / total, "percentunit", 1)),
      ),
    );
  });
  legend.append(tbody);
  body.append(h("div", { className: "pie" }, donut, legend));
  return true;
}
