// Small DOM helpers: elements are built with properties and children, never from HTML strings, so
// data from the server cannot become markup.

/** h("a", {href: "/", className: "x"}, "text", child) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === "className") {
      el.className = value;
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key in el && !key.startsWith("aria") && key !== "role" && key !== "for") {
      el[key] = value;
    } else {
      el.setAttribute(key === "for" ? "for" : key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let ids = 0;
/** A document-unique id for label/aria wiring. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** Announces `text` to screen readers through the page's polite live region. */
export function announce(text) {
  let region = document.getElementById("live-region");
  if (!region) {
    region = h("div", { id: "live-region", className: "visually-hidden", "aria-live": "polite" });
    document.body.append(region);
  }
  region.textContent = "";
  // A fresh text node after a tick, so repeated messages are read again.
  setTimeout(() => (region.textContent = text), 50);
}
