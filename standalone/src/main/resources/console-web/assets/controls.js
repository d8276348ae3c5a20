// The board's toolbar: the time-range picker (presets and an absolute UTC range), one control per
// variable, refresh and auto-refresh. Popovers close on Escape (focus back to their button), on a
// click outside, and when focus leaves them.
import { h, uid } from "./dom.js";
import { PRESETS, REFRESH, describeRange, fromInputValue, resolve, toInputValue } from "./time.js";

/** A button that opens `content` below it; returns {element, button, close}. */
function popover(buttonLabel, content, { className = "" } = {}) {
  const id = uid("popover");
  const button = h("button", {
    type: "button",
    className: "picker-button",
    "aria-expanded": "false",
    "aria-controls": id,
  });
  const panel = h("div", { id, className: `popover ${className}`, hidden: true }, content);
  const wrapper = h("div", { className: "picker" }, button, panel);
  const close = (focusButton) => {
    if (panel.hidden) return;
    panel.hidden = true;
    button.setAttribute("aria-expanded", "false");
    if (focusButton) button.focus();
  };
  const open = () => {
    panel.hidden = false;
    button.setAttribute("aria-expanded", "true");
    const first = panel.querySelector("input:checked, button, input, select");
    first?.focus();
  };
  button.addEventListener("click", () => (panel.hidden ? open() : close(true)));
  wrapper.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !panel.hidden) {
      e.preventDefault();
      close(true);
    }
  });
  wrapper.addEventListener("focusout", (e) => {
    if (e.relatedTarget && !wrapper.contains(e.relatedTarget)) close(false);
  });
  document.addEventListener("pointerdown", (e) => {
    if (!wrapper.contains(e.target)) close(false);
  });
  const setLabel = (label) => button.replaceChildren(...[label].flat());
  setLabel(buttonLabel);
  return { element: wrapper, button, close, setLabel };
}

export function timePicker(board) {
  const fromInput = h("input", { type: "datetime-local", id: uid("range-from"), step: 60, required: true });
  const toInput = h("input", { type: "datetime-local", id: uid("range-to"), step: 60, required: true });
  const error = h("p", { className: "form-error", role: "alert", hidden: true });
  const form = h(
    "form",
    { className: "absolute-range", noValidate: true },
    h("h3", {}, "Absolute range (UTC)"),
    h("div", { className: "field" }, h("label", { for: fromInput.id }, "From (UTC)"), fromInput),
    h("div", { className: "field" }, h("label", { for: toInput.id }, "To (UTC)"), toInput),
    error,
    h("button", { type: "submit" }, "Apply range"),
  );
  const presets = h(
    "ul",
    { className: "presets", "aria-label": "Quick ranges" },
    PRESETS.map(([from, label]) =>
      h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            className: "link-button",
            dataset: { from },
            onClick: () => {
              picker.close(true);
              board.setRange(from, "now");
            },
          },
          label,
        ),
      ),
    ),
  );
  const picker = popover("", h("div", { className: "range-popover" }, h("div", {}, h("h3", {}, "Quick ranges"), presets), form), {
    className: "range",
  });
  picker.button.id = "time-range-button";
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const from = fromInputValue(fromInput.value);
    const to = fromInputValue(toInput.value);
    if (Number.isNaN(from) || Number.isNaN(to) || from >= to) {
      error.textContent = "Enter a start and an end, the start before the end.";
      error.hidden = false;
      return;
    }
    error.hidden = true;
    picker.close(true);
    board.setRange(String(from), String(to));
  });
  const update = () => {
    picker.setLabel([
      h("span", { className: "visually-hidden" }, "Time range: "),
      describeRange(board.from, board.to),
    ]);
    fromInput.value = toInputValue(resolve(board.from));
    toInput.value = toInputValue(resolve(board.to));
    presets.querySelectorAll("button").forEach((b) => {
      b.setAttribute("aria-current", board.to === "now" && b.dataset.from === board.from ? "true" : "false");
    });
  };
  update();
  return { element: picker.element, update };
}

/** A control for one board variable: checkboxes (multi), a select (single), a text box. */
export function variableControl(board, variable) {
  const def = variable.def;
  const label = def.label || def.name;
  if (def.type === "textbox") {
    const input = h("input", { type: "search", id: uid(`var-${def.name}`), value: variable.value[0] ?? "", className: "textbox" });
    // Applied on Enter or when focus leaves the box, not on every key (each value runs queries).
    const apply = () => {
      const value = input.value.trim();
      if (value !== (variable.value[0] ?? "")) board.setVariable(def.name, [value]);
    };
    input.addEventListener("change", apply);
    input.addEventListener("keydown", (e) => e.key === "Enter" && apply());
    return {
      element: h("div", { className: "variable" }, h("label", { for: input.id }, label), input),
      update: () => (input.value = variable.value[0] ?? ""),
    };
  }
  if (!def.multi) {
    const select = h("select", { id: uid(`var-${def.name}`), name: `var-${def.name}` });
    select.addEventListener("change", () => board.setVariable(def.name, [select.value]));
    const update = () => {
      const options = variable.allOptions();
      select.replaceChildren(...options.map((o) => h("option", { value: o.value, selected: variable.value.includes(o.value) }, o.text)));
    };
    update();
    return { element: h("div", { className: "variable" }, h("label", { for: select.id }, label), select), update };
  }
  const legendId = uid("legend");
  const fieldset = h("fieldset", { className: "checks", "aria-labelledby": legendId }, h("legend", { id: legendId }, label));
  const picker = popover("", fieldset, { className: "variable-popover" });
  picker.button.id = `var-${def.name}-button`;
  let shownOptions = "";
  const update = () => {
    const options = variable.allOptions();
    picker.setLabel([h("span", { className: "picker-label" }, `${label}: `), variable.text().join(", ")]);
    const signature = JSON.stringify(options);
    if (signature === shownOptions) {
      // Same choices: tick the boxes in place, so keyboard focus stays on the box just changed.
      fieldset.querySelectorAll("input").forEach((b) => (b.checked = variable.value.includes(b.value)));
      return;
    }
    shownOptions = signature;
    fieldset.replaceChildren(
      h("legend", { id: legendId }, label),
      ...options.map((o) => {
        const id = uid(`var-${def.name}-option`);
        const box = h("input", { type: "checkbox", id, value: o.value, checked: variable.value.includes(o.value) });
        box.addEventListener("change", () => {
          let values = [...fieldset.querySelectorAll("input:checked")].map((b) => b.value);
          if (o.value === "$__all" && box.checked) values = ["$__all"];
          else if (box.checked) values = values.filter((v) => v !== "$__all");
          if (!values.length) values = def.includeAll ? ["$__all"] : [options[0].value];
          board.setVariable(def.name, values);
        });
        return h("div", { className: "check" }, box, h("label", { for: id }, o.text));
      }),
    );
  };
  update();
  return { element: h("div", { className: "variable" }, picker.element), update };
}

export function refreshControls(board) {
  const select = h("select", { id: "auto-refresh" });
  select.append(...REFRESH.map(([value, text]) => h("option", { value }, text)));
  select.addEventListener("change", () => board.setRefresh(select.value));
  const element = h(
    "div",
    { className: "refresh" },
    h("button", { type: "button", id: "refresh-now", onClick: () => board.reload() }, "Refresh"),
    h("label", { for: "auto-refresh" }, "Auto-refresh"),
    select,
  );
  const update = () => {
    if (![...select.options].some((o) => o.value === board.refresh)) {
      select.append(h("option", { value: board.refresh }, board.refresh));
    }
    select.value = board.refresh;
  };
  update();
  return { element, update };
}
