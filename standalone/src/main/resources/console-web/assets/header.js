// The bar at the top of every signed-in page: where you are, the pages, who you are, log out.
import { logout } from "./api.js";
import { h } from "./dom.js";

export function renderHeader(session, current) {
  const header = document.getElementById("site-header");
  const link = (href, text, key) =>
    h("a", { href, "aria-current": current === key ? "page" : null }, text);
  header.replaceChildren(
    h("a", { className: "skip-link", href: "#main" }, "Skip to content"),
    h("a", { className: "brand", href: "/" }, "Tenant Pulse"),
    h("nav", { "aria-label": "Pages" }, link("/", "Boards", "boards"), link("/alerts", "Alerts", "alerts")),
    h(
      "div",
      { className: "who" },
      h("span", { id: "signed-in-as" }, `Signed in as ${session.user} (${session.role})`),
      h("button", { type: "button", className: "secondary", id: "logout", onClick: () => logout() }, "Log out"),
    ),
  );
}
