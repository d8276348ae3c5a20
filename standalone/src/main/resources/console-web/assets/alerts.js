// On-call's page: firing and pending alerts, active silences (created and ended by admins), and
// the recent history of status changes, from the alerting service through the console.
import { api, session } from "./api.js";
import { announce, h } from "./dom.js";
import { renderHeader } from "./header.js";
import { formatDateTime } from "./time.js";

let me = null;

const time = (value) => {
  if (value === null || value === undefined) return "–";
  const ms = typeof value === "number" ? (value < 1e12 ? value * 1000 : value) : Date.parse(value);
  return Number.isNaN(ms) ? String(value) : h("time", { dateTime: new Date(ms).toISOString() }, formatDateTime(ms, { seconds: true }));
};

const labelsText = (labels) =>
  Object.entries(labels || {})
    .map(([k, v]) => `${k}=${v}`)
    .join(", ") || "–";

const number = (v) => (typeof v === "number" ? new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 }).format(v) : "–");

const status = (text) => h("span", { className: `status status-${text}` }, text);

function table(caption, headers, rows, empty) {
  if (!rows.length) {
    return h("p", { className: "empty" }, empty);
  }
  return h(
    "div",
    { className: "table-scroll" },
    h(
      "table",
      { className: "data-table" },
      h("caption", { className: "visually-hidden" }, caption),
      h("thead", {}, h("tr", {}, headers.map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((c) => h("td", {}, c))))),
    ),
  );
}

async function fill(id, load) {
  const target = document.getElementById(id);
  target.setAttribute("aria-busy", "true");
  try {
    target.replaceChildren(await load());
  } catch (e) {
    target.replaceChildren(h("p", { className: "panel-error" }, h("strong", {}, "Error: "), e.detail || e.message));
  } finally {
    target.setAttribute("aria-busy", "false");
  }
}

function loadCurrent() {
  return fill("current", async () => {
    const alerts = (await api("/api/alerting/alerts")).filter((a) => a.status === "firing" || a.status === "pending" || a.status === "no_data");
    const rules = new Set(alerts.map((a) => a.rule));
    document.getElementById("rule-names").replaceChildren(...[...rules].map((r) => h("option", { value: r })));
    return table(
      "Firing and pending alerts",
      ["Status", "Rule", "Labels", "Since (UTC)", "Value", "Summary"],
      alerts.map((a) => [status(a.status), a.rule, labelsText(a.labels), time(a.since), number(a.value), a.summary || "–"]),
      "Nothing is firing or pending.",
    );
  });
}

function loadHistory() {
  return fill("history", async () => {
    const entries = await api("/api/alerting/alerts/history?limit=50");
    return table(
      "Recent status changes, newest first",
      ["At (UTC)", "Rule", "Labels", "Change", "Value", "Notified", "Silenced"],
      entries.map((e) => [time(e.at), e.rule, labelsText(e.labels), `${e.from} → ${e.to}`, number(e.value), e.notified ? "yes" : "no", e.silenced ? "yes" : "no"]),
      "No status changes yet.",
    );
  });
}

function loadSilences() {
  return fill("silences", async () => {
    const silences = await api("/api/alerting/silences");
    const admin = me.role === "admin";
    return table(
      "Active and pending silences",
      ["State", "Rule", "Matchers", "Starts (UTC)", "Ends (UTC)", "Comment", "By", admin ? "Action" : null].filter(Boolean),
      silences.map((s) =>
        [
          status(s.state),
          s.rule || "every rule",
          labelsText(s.matchers),
          time(s.starts_at),
          time(s.ends_at),
          s.comment,
          s.created_by,
          admin
            ? h(
                "button",
                {
                  type: "button",
                  className: "secondary end-silence",
                  dataset: { id: s.id },
                  "aria-label": `End silence ${s.comment} (${s.rule || "every rule"})`,
                  onClick: (e) => endSilence(s, e.currentTarget),
                },
                "End now",
              )
            : null,
        ].filter((c) => c !== null),
      ),
      "No active silences.",
    );
  });
}

async function endSilence(silence, button) {
  button.disabled = true;
  try {
    await api(`/api/alerting/silences/${encodeURIComponent(silence.id)}`, { method: "DELETE" });
    announce(`Silence ended: ${silence.comment}`);
    await loadSilences();
    document.getElementById("silences-title").focus?.();
  } catch (e) {
    button.disabled = false;
    showSilenceError(e.status === 403 ? `Only admins can end silences: ${e.detail}` : e.detail || e.message);
  }
}

function showSilenceError(text) {
  const error = document.getElementById("silence-error");
  error.textContent = text;
  error.hidden = !text;
}

function parseMatchers(text) {
  const matchers = {};
  const problems = [];
  for (const line of text.split(/\n|,/).map((l) => l.trim()).filter(Boolean)) {
    const eq = line.indexOf("=");
    if (eq <= 0 || eq === line.length - 1) {
      problems.push(`“${line}” is not name=value`);
    } else {
      matchers[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
    }
  }
  return { matchers, problems };
}

function setUpForm() {
  const form = document.getElementById("silence-form");
  const note = document.getElementById("silence-role-note");
  if (me.role !== "admin") {
    note.hidden = false;
    note.textContent = `Creating and ending silences needs the admin role; you are signed in as ${me.user} (${me.role}).`;
    return;
  }
  form.hidden = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const rule = form.rule.value.trim();
    const { matchers, problems } = parseMatchers(form.matchers.value);
    const comment = form.comment.value.trim();
    if (!rule && !Object.keys(matchers).length) problems.push("give a rule, label matchers, or both");
    if (!comment) problems.push("say why in the comment");
    if (problems.length) {
      showSilenceError(`Not created: ${problems.join("; ")}.`);
      return;
    }
    showSilenceError("");
    const submit = document.getElementById("silence-submit");
    submit.disabled = true;
    try {
      await api("/api/alerting/silences", {
        method: "POST",
        body: { rule: rule || null, matchers, duration: form.duration.value, comment, created_by: me.user },
      });
      form.reset();
      announce("Silence created.");
      await loadSilences();
    } catch (e) {
      showSilenceError(e.status === 403 ? `Not allowed: ${e.detail}` : `Not created: ${e.detail || e.message}`);
    } finally {
      submit.disabled = false;
    }
  });
}

// Backtest: analysts and admins (it reads history only); a viewer sees why not.
async function setUpBacktest() {
  const form = document.getElementById("backtest-form");
  const note = document.getElementById("backtest-role-note");
  if (me.role === "viewer") {
    note.hidden = false;
    note.textContent = `A backtest needs the analyst or admin role; you are signed in as ${me.user} (${me.role}).`;
    return;
  }
  let rules = {};
  try {
    rules = (await api("/api/alerting/rules")).rules || {};
  } catch (e) {
    note.hidden = false;
    note.textContent = `The rules could not be read: ${e.detail || e.message}`;
    return;
  }
  const names = Object.entries(rules)
    .filter(([, r]) => r.kind === "active_tenants_drop")
    .map(([name]) => name);
  if (!names.length) {
    note.hidden = false;
    note.textContent = "No active_tenants_drop rule to backtest.";
    return;
  }
  form.rule.replaceChildren(...names.map((n) => h("option", { value: n }, n)));
  form.hidden = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = document.getElementById("backtest-error");
    error.hidden = true;
    const submit = document.getElementById("backtest-submit");
    submit.disabled = true;
    const result = document.getElementById("backtest-result");
    result.setAttribute("aria-busy", "true");
    const to = new Date();
    to.setUTCMinutes(0, 0, 0);
    const from = new Date(to.getTime() - Number(form.days.value) * 86_400_000);
    const body = { from: from.toISOString(), to: to.toISOString() };
    if (form.baseline.value) body.rule = { params: { baseline: form.baseline.value } };
    try {
      const answer = await api(`/api/alerting/rules/${encodeURIComponent(form.rule.value)}/backtest`, { method: "POST", body });
      result.replaceChildren(
        h(
          "p",
          {},
          `${answer.episodes.length} episode(s), ${answer.notifications} notification(s) over ${answer.hoursJudged} hours judged, baseline ${answer.baseline}.`,
        ),
        table(
          "Episodes the rule would have fired",
          ["Labels", "Start (UTC)", "End (UTC)", "Peak drop", "Peak hour (UTC)", "Notifications"],
          answer.episodes.map((e) => [labelsText(e.labels), time(e.start), time(e.end), number(e.peakValue), time(e.peakHour), String(e.notifications)]),
          "It would not have fired.",
        ),
      );
      announce(`Backtest done: ${answer.episodes.length} episodes.`);
    } catch (e) {
      error.textContent = `Backtest failed: ${e.detail || e.message}`;
      error.hidden = false;
      result.replaceChildren();
    } finally {
      result.setAttribute("aria-busy", "false");
      submit.disabled = false;
    }
  });
}

async function refresh() {
  await Promise.all([loadCurrent(), loadSilences(), loadHistory()]);
  document.getElementById("alerts-updated").textContent = `Updated ${formatDateTime(Date.now(), { seconds: true })} UTC`;
  document.body.dataset.ready = "true";
}

async function main() {
  me = await session();
  renderHeader(me, "alerts");
  setUpForm();
  await setUpBacktest();
  document.getElementById("alerts-refresh").addEventListener("click", refresh);
  await refresh();
  setInterval(() => document.visibilityState === "visible" && refresh(), 60_000);
}

main();
