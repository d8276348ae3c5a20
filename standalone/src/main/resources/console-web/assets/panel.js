// One panel of a board: a <section> on the 24-column grid with its title, a menu (show SQL,
// download CSV), and its body in one of four states — loading, data, no data, error — each said
// in words, so a failing panel never looks like an empty one and never stops the others.
import { ApiError, api } from "./api.js";
import { h, uid } from "./dom.js";
import { interpolate } from "./frames.js";
import { renderBarchart, renderPiechart, renderStat, renderTable } from "./render.js";
import { renderTimeseries } from "./timeseries.js";

const RENDERERS = {
  stat: renderStat,
  table: renderTable,
  barchart: renderBarchart,
  piechart: renderPiechart,
};

export class Panel {
  constructor(board, definition) {
    this.board = board;
    this.definition = definition;
    this.cleanup = null;
    this.controller = null;
    const titleId = uid("panel-title");
    const descriptionId = definition.description ? uid("panel-desc") : null;
    this.title = h("h2", { id: titleId, className: "panel-title" });
    this.menuButton = h(
      "button",
      {
        type: "button",
        className: "icon-button panel-menu-button",
        "aria-haspopup": "menu",
        "aria-expanded": "false",
        onClick: () => this.toggleMenu(),
      },
      h("span", { "aria-hidden": "true" }, "⋮"),
      h("span", { className: "visually-hidden menu-label" }),
    );
    this.csvLink = h("a", { role: "menuitem", href: "#", tabIndex: -1, className: "menu-item", download: "" }, "Download CSV");
    this.menu = h(
      "div",
      { role: "menu", className: "panel-menu", hidden: true, onKeydown: (e) => this.menuKey(e) },
      h("button", { type: "button", role: "menuitem", tabIndex: -1, className: "menu-item", onClick: () => this.showSql() }, "Show SQL"),
      this.csvLink,
    );
    this.body = h("div", { className: "panel-body", dataset: { state: "loading" } });
    this.element = h(
      "section",
      {
        className: `panel panel-${definition.type}`,
        "aria-labelledby": titleId,
        "aria-describedby": descriptionId,
        "aria-busy": "true",
        dataset: { panelId: String(definition.id), panelType: definition.type },
      },
      h(
        "header",
        { className: "panel-header" },
        this.title,
        h("div", { className: "panel-actions" }, this.menuButton, this.menu),
      ),
      definition.description ? h("p", { id: descriptionId, className: "panel-description" }, definition.description) : null,
      this.body,
    );
    const g = definition.gridPos || { x: 0, y: 0, w: 12, h: 8 };
    this.element.style.gridColumn = `${g.x + 1} / span ${g.w}`;
    this.element.style.gridRow = `${g.y + 1} / span ${g.h}`;
    this.element.addEventListener("focusout", (e) => {
      if (!this.menu.hidden && !this.element.querySelector(".panel-actions").contains(e.relatedTarget)) {
        this.closeMenu(false);
      }
    });
  }

  titleText() {
    return interpolate(this.definition.title || `Panel ${this.definition.id}`, this.board.variableTexts());
  }

  async load() {
    const title = this.titleText();
    this.title.textContent = title;
    this.menuButton.querySelector(".menu-label").textContent = `Menu of panel ${title}`;
    const query = this.board.queryString();
    const base = `/api/boards/${encodeURIComponent(this.board.uid)}/panels/${this.definition.id}`;
    this.csvLink.href = `${base}?${query}&format=csv`;
    this.csvLink.download = `${this.board.uid}-panel-${this.definition.id}.csv`;
    this.controller?.abort();
    this.controller = new AbortController();
    const signal = this.controller.signal;
    this.setState("loading", h("p", { className: "panel-message" }, h("span", { className: "spinner", "aria-hidden": "true" }), "Loading…"));
    try {
      const result = await api(`${base}?${query}`, { signal });
      if (signal.aborted) return;
      this.show(result, title);
    } catch (e) {
      if (signal.aborted || e.name === "AbortError") return;
      const detail = e instanceof ApiError ? e.detail : "The panel could not be loaded (network error).";
      this.setState("error", h("div", { className: "panel-error", role: "status" }, h("strong", {}, "Error: "), detail));
    }
  }

  show(result, title) {
    this.setState("data");
    const ctx = {
      title,
      fromMs: this.board.fromMs(),
      toMs: this.board.toMs(),
      timeRange: this.board.timeRangeParams(),
      variables: this.board.linkVariables(),
      onSelectRange: (from, to) => this.board.setRange(String(from), String(to)),
    };
    let shown;
    if (this.definition.type === "timeseries") {
      this.cleanup = result.rows.length ? renderTimeseries(this.body, this.definition, result, ctx) : null;
      shown = this.cleanup !== null;
    } else {
      const renderer = RENDERERS[this.definition.type];
      shown = renderer
        ? renderer(this.body, this.definition, result, ctx)
        : (this.body.append(h("p", { className: "panel-message" }, `Panels of type ${this.definition.type} are not shown here.`)), true);
    }
    this.body.dataset.rows = String(result.rows.length);
    if (!shown) {
      // Grafana shows a panel's noValue instead of "No data" when set (the billing export's
      // panels say the export is off): the same text here.
      const noValue = this.definition.fieldConfig?.defaults?.noValue;
      this.setState("nodata", h("p", { className: "panel-message no-data" }, noValue || "No data"));
    } else if (result.truncated) {
      this.body.append(h("p", { className: "panel-note" }, "Showing the first rows only (the result was truncated)."));
    }
  }

  setState(state, ...children) {
    this.cleanup?.();
    this.cleanup = null;
    if (state !== "data" || children.length) {
      this.body.replaceChildren(...children);
    } else {
      this.body.replaceChildren();
    }
    this.body.dataset.state = state;
    this.element.setAttribute("aria-busy", state === "loading" ? "true" : "false");
  }

  // The menu: a menu button pattern (Enter/Space/ArrowDown open, arrows move, Escape closes).
  toggleMenu() {
    if (this.menu.hidden) this.openMenu();
    else this.closeMenu(true);
  }

  openMenu() {
    this.menu.hidden = false;
    this.menuButton.setAttribute("aria-expanded", "true");
    this.menu.querySelector('[role="menuitem"]').focus();
  }

  closeMenu(focusButton) {
    this.menu.hidden = true;
    this.menuButton.setAttribute("aria-expanded", "false");
    if (focusButton) this.menuButton.focus();
  }

  menuKey(e) {
    const items = [...this.menu.querySelectorAll('[role="menuitem"]')];
    const i = items.indexOf(document.activeElement);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      items[(i + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length].focus();
    } else if (e.key === "Home" || e.key === "End") {
      e.preventDefault();
      items[e.key === "Home" ? 0 : items.length - 1].focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      this.closeMenu(true);
    } else if (e.key === "Tab") {
      this.closeMenu(false);
    }
  }

  async showSql() {
    this.closeMenu(false);
    const dialog = document.getElementById("sql-dialog");
    const base = `/api/boards/${encodeURIComponent(this.board.uid)}/panels/${this.definition.id}/sql`;
    dialog.querySelector("#sql-dialog-title").textContent = `SQL of “${this.titleText()}”`;
    const expanded = dialog.querySelector("#sql-expanded");
    const raw = dialog.querySelector("#sql-raw");
    expanded.textContent = "Loading…";
    raw.textContent = "";
    dialog.returnFocus = this.menuButton;
    dialog.showModal();
    try {
      const sql = await api(`${base}?${this.board.queryString()}`);
      expanded.textContent = sql.sql;
      raw.textContent = sql.raw_sql;
    } catch (e) {
      expanded.textContent = `Error: ${e.detail || e.message}`;
    }
  }
}
