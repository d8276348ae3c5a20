// Grafana's time-range forms as the console API takes them (now, now-7d, epoch milliseconds,
// ISO-8601 instants), resolved here only to show the range and bound the charts; the server
// resolves them again for the queries. Every time shown is UTC.

const UNIT_MS = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 };

export const PRESETS = [
  ["now-1h", "Last 1 hour"],
  ["now-6h", "Last 6 hours"],
  ["now-24h", "Last 24 hours"],
  ["now-2d", "Last 2 days"],
  ["now-7d", "Last 7 days"],
  ["now-30d", "Last 30 days"],
  ["now-90d", "Last 90 days"],
  ["now-180d", "Last 180 days"],
  ["now-1y", "Last 1 year"],
];

/** Epoch milliseconds of a range bound, or NaN when the text is none of the accepted forms. */
export function resolve(text, now = Date.now()) {
  const t = String(text ?? "").trim();
  if (/^\d{1,15}$/.test(t)) {
    return Number(t);
  }
  const relative = /^now(?:([+-])(\d+)([smhdwMy]))?$/.exec(t);
  if (relative) {
    if (!relative[1]) {
      return now;
    }
    const n = Number(relative[2]) * (relative[1] === "-" ? -1 : 1);
    const unit = relative[3];
    if (unit === "M" || unit === "y") {
      const d = new Date(now);
      d.setUTCMonth(d.getUTCMonth() + (unit === "M" ? n : 12 * n));
      return d.getTime();
    }
    return now + n * UNIT_MS[unit];
  }
  const iso = Date.parse(t);
  return /^\d{4}-\d{2}-\d{2}/.test(t) && !Number.isNaN(iso) ? iso : NaN;
}

export function isRelative(text) {
  return String(text).startsWith("now");
}

const pad = (n) => String(n).padStart(2, "0");

/** 2026-11-27 09:00 (UTC implied; the pages say "UTC" once next to the range). */
export function formatDateTime(ms, { seconds = false } = {}) {
  const d = new Date(ms);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return seconds ? `${base}:${pad(d.getUTCSeconds())}` : base;
}

export function formatDate(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The value of an <input type="datetime-local"> read as UTC: 2026-11-27T09:00. */
export function toInputValue(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function fromInputValue(value) {
  return value ? Date.parse(value + (value.length === 16 ? ":00Z" : "Z")) : NaN;
}

/** "Last 7 days", or "2026-11-01 00:00 to 2026-11-28 00:00 UTC". */
export function describeRange(from, to) {
  if (to === "now") {
    const preset = PRESETS.find(([f]) => f === from);
    if (preset) {
      return preset[1];
    }
    if (isRelative(from)) {
      return `${from} to now`;
    }
  }
  const f = resolve(from);
  const t = resolve(to);
  if (Number.isNaN(f) || Number.isNaN(t)) {
    return `${from} to ${to}`;
  }
  return `${formatDateTime(f)} to ${formatDateTime(t)} UTC`;
}

/** Auto-refresh choices; "" is off. */
export const REFRESH = [
  ["", "Off"],
  ["30s", "30 seconds"],
  ["1m", "1 minute"],
  ["5m", "5 minutes"],
  ["15m", "15 minutes"],
  ["30m", "30 minutes"],
  ["1h", "1 hour"],
];

export function refreshMs(text) {
  const m = /^(\d+)([smhd])$/.exec(text || "");
  return m ? Number(m[1]) * UNIT_MS[m[2]] : 0;
}
