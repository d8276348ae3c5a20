// The list of boards: each links to its page; a board this runtime cannot draw (service health
// needs Prometheus) is listed greyed with the reason.
import { api, session } from "./api.js";
import { h } from "./dom.js";
import { renderHeader } from "./header.js";

async function main() {
  const s = await session();
  renderHeader(s, "boards");
  const list = document.getElementById("boards");
  try {
    const { boards } = await api("/api/boards");
    list.replaceChildren(
      ...boards.map((b) => {
        const title = b.title.replace(/^Tenant Pulse · /, "");
        const tags = (b.tags || []).filter((t) => t !== "tenant-pulse");
        const heading =
          b.available === false
            ? h("h2", {}, h("span", { className: "board-name" }, title), " ", h("span", { className: "badge" }, "unavailable"))
            : h("h2", {}, h("a", { href: b.url || `/d/${encodeURIComponent(b.uid)}`, className: "board-name" }, title));
        return h(
          "li",
          { className: b.available === false ? "board-card unavailable" : "board-card", dataset: { uid: b.uid } },
          heading,
          b.description ? h("p", {}, b.description) : null,
          b.available === false ? h("p", { className: "reason" }, b.reason || "Its data source is not available here.") : null,
          tags.length ? h("p", { className: "tags" }, h("span", { className: "visually-hidden" }, "Tags: "), tags.map((t) => h("span", { className: "tag" }, t))) : null,
        );
      }),
    );
    if (!boards.length) {
      list.replaceChildren(h("li", { className: "muted" }, "No boards."));
    }
  } catch (e) {
    const message = document.getElementById("boards-message");
    message.hidden = false;
    message.textContent = `The boards could not be listed: ${e.detail || e.message}`;
  } finally {
    list.setAttribute("aria-busy", "false");
    document.body.dataset.ready = "true";
  }
}

main();
