// Values formatted with the units the generated boards use (Grafana's unit ids): percent,
// percentunit, currencyUSD, s, m, h, ms, ops, reqps, short, string, none. `decimals` as in the field
// config; without it, as many as make the value readable.

const nf = (decimals) =>
  new Intl.NumberFormat("en-US", {
    minimumFractionDigits: decimals ?? 0,
    maximumFractionDigits: decimals ?? 2,
  });

function autoDecimals(value) {
  const a = Math.abs(value);
  if (a === 0 || a >= 100) return 0;
  if (a >= 10) return 1;
  if (a >= 1) return 2;
  return 3;
}

function fixed(value, decimals) {
  const d = decimals ?? autoDecimals(value);
  return nf(d).format(Number(value.toFixed(d)));
}

// Grafana's "short": K, Mil, Bil, Tri.
function short(value, decimals) {
  const a = Math.abs(value);
  const steps = [
    [1e12, " Tri"],
    [1e9, " Bil"],
    [1e6, " Mil"],
    [1e3, " K"],
  ];
  for (const [size, suffix] of steps) {
    if (a >= size) {
      return fixed(value / size, decimals ?? (a / size >= 100 ? 0 : 1)) + suffix;
    }
  }
  return fixed(value, decimals ?? (Number.isInteger(value) ? 0 : autoDecimals(value)));
}

function seconds(value, decimals) {
  const a = Math.abs(value);
  const d = decimals ?? 1;
  if (a < 1e-3 && a > 0) return fixed(value * 1e6, decimals ?? 0) + " µs";
  if (a < 1 && a > 0) return fixed(value * 1e3, decimals ?? 0) + " ms";
  if (a < 60) return fixed(value, decimals ?? (Number.isInteger(value) ? 0 : d)) + " s";
  if (a < 3600) return fixed(value / 60, d) + " min";
  if (a < 86400) return fixed(value / 3600, d) + " hour";
  if (a < 7 * 86400) return fixed(value / 86400, d) + " day";
  if (a < 365 * 86400) return fixed(value / (7 * 86400), d) + " week";
  return fixed(value / (365 * 86400), d) + " year";
}

/** The text of `value` in `unit`; null/NaN become an en dash. */
export function formatValue(value, unit, decimals) {
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) {
    return "–";
  }
  if (typeof value !== "number") {
    return String(value);
  }
  switch (unit) {
    case "percent":
      return fixed(value, decimals ?? 1) + "%";
    case "percentunit":
      return fixed(value * 100, decimals ?? 1) + "%";
    case "currencyUSD":
      return (value < 0 ? "-$" : "$") + nf(decimals ?? 2).format(Math.abs(value));
    case "s":
      return seconds(value, decimals);
    case "h":
      return seconds(value * 3600, decimals);
    case "m":
      return seconds(value * 60, decimals);
    case "ms":
      return Math.abs(value) >= 1000 ? seconds(value / 1000, decimals) : fixed(value, decimals ?? 0) + " ms";
    case "ops":
      return short(value, decimals) + " ops/s";
    case "reqps":
      return short(value, decimals) + " req/s";
    case "string":
      return String(value);
    case "none":
      return fixed(value, decimals);
    default:
      return short(value, decimals);
  }
}
