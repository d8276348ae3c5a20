// Time series panels drawn by uPlot (served from its webjar): lines or bars as the field config
// says, UTC time axis over the selected range, values in the field's unit, threshold lines, and a
// drag on the chart selects a new absolute range.
import uPlot from "/webjars/uplot/1.6.30/dist/uPlot.esm.js";
import { h } from "./dom.js";
import { PALETTE, cssColor, toSeries } from "./frames.js";
import { formatDateTime } from "./time.js";
import { formatValue } from "./units.js";

function withAlpha(hex, opacity) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${opacity})`;
}

// Tick labels in 24-hour UTC, dates as "Jan 5" (uPlot's table: tick size, label, then the label
// added where the year/month/day/hour changes, and mode 1: show only that).
const DAY = 86400e3;
const TIME_TICKS = [
  [365 * DAY, "{YYYY}", null, null, null, null, null, null, 1],
  [28 * DAY, "{MMM}", "\n{YYYY}", null, null, null, null, null, 1],
  [DAY, "{MMM} {D}", "\n{YYYY}", null, null, null, null, null, 1],
  [3600e3, "{HH}:{mm}", "\n{MMM} {D}", null, "\n{MMM} {D}", null, null, null, 1],
  [60e3, "{HH}:{mm}", "\n{MMM} {D}", null, "\n{MMM} {D}", null, null, null, 1],
  [1e3, ":{ss}", "\n{MMM} {D} {HH}:{mm}", null, "\n{MMM} {D} {HH}:{mm}", null, "\n{HH}:{mm}", null, 1],
];

/**
 * Bars of several series side by side in each time slot (Grafana overlaps them, which hides the
 * smaller behind the larger): slot = the smallest spacing of the x values.
 */
function groupedBars(x, count) {
  let slot = Infinity;
  for (let i = 1; i < x.length; i++) {
    const d = x[i] - x[i - 1];
    if (d > 0 && d < slot) slot = d;
  }
  if (!Number.isFinite(slot)) slot = DAY;
  const group = slot * 0.8;
  const each = group / count;
  const paths = (index) =>
    uPlot.paths.bars({
      disp: {
        x0: { unit: 1, values: (u) => u.data[0].map((t) => t - group / 2 + index * each) },
        size: { unit: 1, values: () => [each * 0.92] },
      },
    });
  paths.slot = slot;
  return paths;
}

/** The y axis's width: its longest label at about 7 px a character, and room for the ticks. */
function axisWidth(u, values) {
  if (!values) return 40;
  return Math.max(40, Math.max(...values.map((v) => String(v).length)) * 7 + 18);
}

function thresholdLines(panel) {
  const defaults = panel.fieldConfig?.defaults || {};
  if (defaults.custom?.thresholdsStyle?.mode !== "line") {
    return [];
  }
  return (defaults.thresholds?.steps || [])
    .filter((s) => s.value !== null && s.value !== undefined && cssColor(s.color))
    .map((s) => ({ value: s.value, color: cssColor(s.color) }));
}

/** Draws the panel's result into `body`; returns a cleanup function, or null for "no data". */
export function renderTimeseries(body, panel, result, ctx) {
  const { x, series } = toSeries(panel, result);
  if (!x.length || !series.some((s) => s.values.some((v) => v !== null))) {
    return null;
  }
  const defaults = panel.fieldConfig?.defaults || {};
  const custom = defaults.custom || {};
  const bars = custom.drawStyle === "bars";
  const fill = (custom.fillOpacity ?? 10) / 100;
  const unit = defaults.unit;
  const decimals = defaults.decimals;
  const lines = thresholdLines(panel);
  const showLegend = panel.options?.legend?.showLegend !== false;

  const barPaths = bars ? groupedBars(x, series.length) : null;
  const edge = bars ? barPaths.slot / 2 : 0;
  const holder = h("div", { className: "chart" });
  body.append(holder);

  const opts = {
    width: Math.max(200, body.clientWidth),
    height: Math.max(80, body.clientHeight - (showLegend ? 32 : 0)),
    ms: 1,
    tzDate: (ts) => uPlot.tzDate(new Date(ts), "Etc/UTC"),
    legend: { show: showLegend, live: true },
    cursor: { drag: { x: true, y: false, setScale: false } },
    scales: {
      x: { time: true, range: () => [Math.min(ctx.fromMs, x[0] - edge), Math.max(ctx.toMs, x[x.length - 1] + edge)] },
      y: {
        range: (u, lo, hi) => {
          const low = defaults.min ?? (bars ? Math.min(0, lo ?? 0) : lo);
          const high = defaults.max ?? hi;
          if (low === high || low === null || high === null) {
            return [(low ?? 0) - 1, (high ?? 0) + 1];
          }
          const pad = defaults.max === undefined ? (high - low) * 0.08 : 0;
          return [low, high + pad];
        },
      },
    },
    series: [
      { label: "Time (UTC)", value: (u, v) => (v == null ? "–" : formatDateTime(v)) },
      ...series.map((s, i) => {
        const color = PALETTE[i % PALETTE.length];
        return {
          label: s.name,
          stroke: color,
          width: custom.lineWidth ?? 1,
          fill: fill > 0 ? withAlpha(color, bars ? Math.min(fill, 0.85) : fill) : undefined,
          spanGaps: custom.spanNulls === true,
          points: { show: custom.showPoints === "always" },
          paths: bars ? barPaths(i) : undefined,
          value: (u, v) => formatValue(v, s.config.unit ?? unit, s.config.decimals ?? decimals),
        };
      }),
    ],
    axes: [
      {
        stroke: "#3d4651",
        grid: { stroke: "#e4e7eb", width: 1 },
        ticks: { stroke: "#c9ced4", width: 1 },
        font: "12px system-ui, sans-serif",
        values: TIME_TICKS,
      },
      {
        stroke: "#3d4651",
        grid: { stroke: "#e4e7eb", width: 1 },
        ticks: { stroke: "#c9ced4", width: 1 },
        font: "12px system-ui, sans-serif",
        size: axisWidth,
        values: (u, splits) => splits.map((v) => formatValue(v, unit, decimals)),
      },
    ],
    hooks: {
      draw: [
        (u) => {
          const { ctx: g } = u;
          for (const line of lines) {
            const y = u.valToPos(line.value, "y", true);
            if (y < u.bbox.top || y > u.bbox.top + u.bbox.height) continue;
            g.save();
            g.strokeStyle = line.color;
            g.lineWidth = 1.5 * devicePixelRatio;
            g.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
            g.beginPath();
            g.moveTo(u.bbox.left, y);
            g.lineTo(u.bbox.left + u.bbox.width, y);
            g.stroke();
            g.restore();
          }
        },
      ],
      setSelect: [
        (u) => {
          if (u.select.width > 8 && ctx.onSelectRange) {
            const from = Math.round(u.posToVal(u.select.left, "x"));
            const to = Math.round(u.posToVal(u.select.left + u.select.width, "x"));
            u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
            ctx.onSelectRange(from, to);
          }
        },
      ],
    },
  };
  const data = [x, ...series.map((s) => s.values)];
  const plot = new uPlot(opts, data, holder);

  // The canvas is a picture to a screen reader: name it with what it shows; the legend below
  // stays a readable table of series and values.
  const wrap = plot.root.querySelector(".u-wrap");
  const latest = series
    .slice(0, 12)
    .map((s) => {
      const last = [...s.values].reverse().find((v) => v !== null);
      return `${s.name} ${formatValue(last ?? null, s.config.unit ?? unit, s.config.decimals ?? decimals)}`;
    })
    .join("; ");
  wrap.setAttribute("role", "img");
  wrap.setAttribute(
    "aria-label",
    `${bars ? "Bar" : "Line"} chart, ${series.length} series, ${x.length} points from ` +
      `${formatDateTime(x[0])} to ${formatDateTime(x[x.length - 1])} UTC. Latest: ${latest}.`,
  );
  holder.dataset.series = String(series.length);
  holder.dataset.seriesNames = series.map((s) => s.name).join("|");

  // The legend's height is known only once drawn at the final width (narrow, its entries wrap),
  // and uPlot applies a new size in a microtask: size the width first, then, a frame later, give
  // the plot the height the legend leaves.
  let last = "";
  let destroyed = false;
  const fit = () => {
    const size = `${body.clientWidth}x${body.clientHeight}`;
    if (size === last || destroyed) return;
    last = size;
    const style = getComputedStyle(body);
    const width = Math.max(200, body.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight));
    const inner = body.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    const legend = plot.root.querySelector(".u-legend");
    const height = () => Math.max(80, Math.floor(inner - (legend ? legend.getBoundingClientRect().height : 0) - 2));
    plot.setSize({ width, height: height() });
    requestAnimationFrame(() => destroyed || plot.setSize({ width, height: height() }));
  };
  fit();
  const observer = new ResizeObserver(() => fit());
  observer.observe(body);
  return () => {
    destroyed = true;
    observer.disconnect();
    plot.destroy();
  };
}
