// One board page (/d/<uid>): the board's definition from the API (the same JSON Grafana is given),
// its range, variables and auto-refresh kept in the URL so a link shows the same data, and its
// panels on the 24-column grid, each loading on its own.
import { api, session } from "./api.js";
import { announce, h } from "./dom.js";
import { refreshControls, timePicker, variableControl } from "./controls.js";
import { renderHeader } from "./header.js";
import { Panel } from "./panel.js";
import { refreshMs, resolve } from "./time.js";

const ALL = "$__all";

class Variable {
  constructor(def) {
    this.def = def;
    this.options = (def.options || []).filter((o) => o.value !== ALL).map((o) => ({ text: String(o.text), value: String(o.value) }));
    const current = def.current?.value ?? (def.type === "textbox" ? def.query ?? "" : []);
    this.defaultValue = [current].flat().map(String);
    this.value = this.defaultValue;
  }

  allOptions() {
    return this.def.includeAll ? [{ text: "All", value: ALL }, ...this.options] : this.options;
  }

  text() {
    return this.value.map((v) => (v === ALL ? "All" : this.options.find((o) => o.value === v)?.text ?? v));
  }

  isDefault() {
    return JSON.stringify(this.value) === JSON.stringify(this.defaultValue);
  }
}

class Board {
  constructor(uid, dashboard, boards) {
    this.uid = uid;
    this.dashboard = dashboard;
    this.boards = boards;
    this.variables = (dashboard.templating?.list || []).filter((v) => ["custom", "query", "textbox"].includes(v.type)).map((v) => new Variable(v));
    this.panels = (dashboard.panels || []).filter((p) => p.type !== "row").map((p) => new Panel(this, p));
    this.timer = null;
    this.readUrl();
  }

  readUrl() {
    const params = new URLSearchParams(location.search);
    this.from = params.get("from") || this.dashboard.time?.from || "now-6h";
    this.to = params.get("to") || this.dashboard.time?.to || "now";
    this.refresh = params.has("refresh") ? params.get("refresh") : this.dashboard.refresh || "";
    for (const v of this.variables) {
      const values = params.getAll(`var-${v.def.name}`);
      v.value = values.length ? values : v.defaultValue;
    }
  }

  /** Puts the state in the address bar: a new history entry for a change, in place at load. */
  writeUrl(replace = false) {
    const params = new URLSearchParams();
    params.set("from", this.from);
    params.set("to", this.to);
    for (const v of this.variables) {
      v.value.forEach((value) => params.append(`var-${v.def.name}`, value));
    }
    if (this.refresh !== (this.dashboard.refresh || "")) {
      params.set("refresh", this.refresh);
    }
    const url = `${location.pathname}?${params}`;
    if (replace) {
      history.replaceState(null, "", url);
    } else if (url !== location.pathname + location.search) {
      history.pushState(null, "", url);
    }
  }

  rangeParams() {
    return new URLSearchParams({ from: this.from, to: this.to });
  }

  /** from, to and every variable, as the panel, SQL and CSV endpoints take them. */
  queryString() {
    const params = this.rangeParams();
    for (const v of this.variables) {
      v.value.forEach((value) => params.append(`var-${v.def.name}`, value));
    }
    return params.toString();
  }

  timeRangeParams() {
    return this.rangeParams().toString();
  }

  fromMs() {
    return resolve(this.from);
  }

  toMs() {
    return resolve(this.to);
  }

  variableTexts() {
    const out = {};
    for (const v of this.variables) out[v.def.name] = { text: v.text(), value: v.value };
    return out;
  }

  linkVariables() {
    const byName = new Map(this.variables.map((v) => [v.def.name, v]));
    const param = (name) => {
      const v = byName.get(name);
      return v ? v.value.map((x) => `var-${encodeURIComponent(name)}=${encodeURIComponent(x)}`).join("&") : undefined;
    };
    return {
      all: this.variables.map((v) => param(v.def.name)).join("&"),
      param,
      raw: (name) => byName.get(name)?.value.map(encodeURIComponent).join(","),
    };
  }

  /** The URL of another board that keeps this one's range and variables (Grafana's keepTime, includeVars). */
  linkTo(uid) {
    const params = this.rangeParams();
    for (const v of this.variables) {
      v.value.forEach((value) => params.append(`var-${v.def.name}`, value));
    }
    return `/d/${encodeURIComponent(uid)}?${params}`;
  }

  async loadVariableOptions() {
    const queries = this.variables.filter((v) => v.def.type === "query");
    await Promise.all(
      queries.map(async (v) => {
        try {
          const answer = await api(`/api/boards/${encodeURIComponent(this.uid)}/variables/${encodeURIComponent(v.def.name)}?${this.rangeParams()}`);
          v.options = answer.options.map((o) => ({ text: String(o.text), value: String(o.value) }));
          v.error = null;
        } catch (e) {
          v.error = e.detail || e.message;
        }
        const known = v.value.every((x) => x === ALL || v.options.some((o) => o.value === x));
        if (!known && v.options.length && !v.def.allowCustomValue) {
          v.value = v.def.multi ? [v.options[0].value] : [v.options[0].value];
        }
      }),
    );
  }

  mount() {
    document.title = `${this.dashboard.title} · Tenant Pulse`;
    document.getElementById("board-title").textContent = this.dashboard.title;
    document.getElementById("board-description").textContent = this.dashboard.description || "";
    this.picker = timePicker(this);
    this.variableControls = this.variables.map((v) => variableControl(this, v));
    this.refreshControl = refreshControls(this);
    document.getElementById("board-toolbar").replaceChildren(
      h("div", { className: "variables" }, this.variableControls.map((c) => c.element)),
      h("div", { className: "time-controls" }, this.picker.element, this.refreshControl.element),
    );
    document.getElementById("panels").replaceChildren(...this.panels.map((p) => p.element));
    window.addEventListener("popstate", () => {
      this.readUrl();
      this.reload(true);
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && this.staleWhileHidden) {
        this.staleWhileHidden = false;
        this.reload();
      }
    });
  }

  renderLinks() {
    const nav = document.getElementById("board-links");
    const tags = new Set((this.dashboard.links || []).filter((l) => l.type === "dashboards").flatMap((l) => l.tags || []));
    const boards = this.boards.filter((b) => !tags.size || (b.tags || []).some((t) => tags.has(t)) || b.uid === this.uid);
    nav.replaceChildren(
      h(
        "ul",
        {},
        boards.map((b) =>
          h(
            "li",
            {},
            b.available === false
              ? h("span", { className: "unavailable", title: b.reason || "" }, b.title.replace(/^Tenant Pulse · /, ""))
              : h("a", { href: this.linkTo(b.uid), "aria-current": b.uid === this.uid ? "page" : null }, b.title.replace(/^Tenant Pulse · /, "")),
          ),
        ),
      ),
    );
  }

  async reload(fromUrl = false) {
    if (!fromUrl) this.writeUrl();
    this.picker.update();
    this.refreshControl.update();
    await this.loadVariableOptions();
    if (!fromUrl) this.writeUrl();
    this.variableControls.forEach((c) => c.update());
    this.renderLinks();
    const notes = this.variables.filter((v) => v.error).map((v) => `Options of “${v.def.label || v.def.name}” could not be loaded: ${v.error}.`);
    // A board about one thing (the tenant board) opens empty: say what to type rather than show
    // a page of "No data".
    for (const v of this.variables.filter((x) => x.def.type === "textbox" && !(x.value[0] ?? "").trim())) {
      notes.push(`Type a value into “${v.def.label || v.def.name}” to fill this board${v.def.description ? ` (${v.def.description.replace(/\.$/, "")})` : ""}.`);
    }
    const message = document.getElementById("board-message");
    message.hidden = !notes.length;
    message.textContent = notes.join(" ");
    this.schedule();
    await Promise.all(this.panels.map((p) => p.load()));
    announce(`${this.dashboard.title}: panels updated.`);
  }

  setRange(from, to) {
    this.from = from;
    this.to = to;
    this.reload();
  }

  setVariable(name, values) {
    const v = this.variables.find((x) => x.def.name === name);
    v.value = values;
    this.reload();
  }

  setRefresh(refresh) {
    this.refresh = refresh;
    this.reload();
  }

  schedule() {
    clearInterval(this.timer);
    const every = refreshMs(this.refresh);
    if (every > 0) {
      this.timer = setInterval(() => {
        if (document.visibilityState !== "visible") {
          this.staleWhileHidden = true;
          return;
        }
        // An absolute range is reloaded too: late events still land in it.
        this.panels.forEach((p) => p.load());
      }, every);
    }
  }
}

async function main() {
  const s = await session();
  renderHeader(s, "boards");
  const uid = decodeURIComponent(location.pathname.replace(/^\/d\//, "").split("/")[0]);
  const message = document.getElementById("board-message");
  try {
    const [answer, list] = await Promise.all([api(`/api/boards/${encodeURIComponent(uid)}`), api("/api/boards")]);
    if (answer.available === false) {
      document.getElementById("board-title").textContent = answer.dashboard?.title || uid;
      message.hidden = false;
      message.textContent = `This board is not available here: ${answer.reason || "its data source is missing"}.`;
      document.body.dataset.ready = "true";
      return;
    }
    const board = new Board(uid, answer.dashboard, list.boards || []);
    board.mount();
    await board.reload(true);
    board.writeUrl(true);
    // For the page-load benchmark (bin/bench-board-pages): navigation start to every panel drawn.
    window.tenantPulseDrawnAt = performance.now();
    document.body.dataset.ready = "true";
  } catch (e) {
    document.getElementById("board-title").textContent = e.status === 404 ? "No such board" : "The board could not be loaded";
    message.hidden = false;
    message.textContent = e.status === 404 ? `There is no board “${uid}”. Pick one from the list of boards.` : `Error: ${e.detail || e.message}`;
    document.body.dataset.ready = "true";
  }
}

main();
