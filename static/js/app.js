// Shared behaviour of every screen (served from /static: the counter's network is closed).
// Each piece only helps: without script every field is shown and the server decides.

// Enter in a text field moves to the next field instead of submitting a half-filled
// form (UI.md): only a button press, or Enter on the button, submits.
document.addEventListener("keydown", (event) => {
  const el = event.target;
  if (event.key !== "Enter" || event.isComposing) return;
  if (!(el instanceof HTMLInputElement) || el.type === "submit" || el.type === "button") return;
  // Inside a panel with its own button (the 4情報 search of an entry form), Enter
  // presses that button and never the entry form's.
  const panel = el.closest("[data-enter-button]");
  if (panel) {
    event.preventDefault();
    const button = panel.querySelector(panel.dataset.enterButton);
    if (button) button.click();
    return;
  }
  const form = el.form;
  if (!form || form.dataset.enterSubmits === "true") return;
  event.preventDefault();
  const fields = Array.from(form.elements).filter(
    (f) => !f.disabled && f.type !== "hidden" && f.tabIndex >= 0
  );
  const next = fields[fields.indexOf(el) + 1];
  if (next) next.focus();
});

const FIELD_SELECTOR = "input, select, textarea";

function isFillable(el) {
  if (el.disabled || el.readOnly) return false;
  if (["hidden", "submit", "button", "reset", "image"].includes(el.type)) return false;
  return el.getClientRects().length > 0; // rendered (not in a closed <details>, not hidden)
}

// data-show-when="<name>=<value>": shown only while the control named <name> has that
// value (e.g. the foreign-resident items once 住民種別 is 外国人). A block holding an
// error is never hidden: the clerk must see what the server refused.
function controlHasValue(scope, name, value) {
  const controls = scope.querySelectorAll(`[name="${CSS.escape(name)}"]`);
  return Array.from(controls).some((c) =>
    c.type === "radio" || c.type === "checkbox" ? c.checked && c.value === value : c.value === value
  );
}

function applyShowWhen(root) {
  root.querySelectorAll("[data-show-when]").forEach((el) => {
    const rule = el.dataset.showWhen;
    const at = rule.indexOf("=");
    if (at < 1) return;
    const scope = el.closest("form") || document;
    const shown = controlHasValue(scope, rule.slice(0, at), rule.slice(at + 1));
    el.hidden = !shown && !el.querySelector(".error");
  });
}

// data-maxlength (counter.form_rendering puts it where Django put maxlength): a live
// count of the characters typed, in code points as the server counts them. Going over
// is shown, never cut: the server refuses it with a message next to the field.
function updateCount(el) {
  const limit = Number(el.dataset.maxlength);
  const count = Array.from(el.value).length;
  const out = el.nextElementSibling;
  if (!out || !out.classList.contains("char-count")) return;
  out.textContent = count > limit ? `${count}/${limit}文字（${count - limit}文字多い）` : `${count}/${limit}文字`;
  out.classList.toggle("over", count > limit);
}

function attachCounters(root) {
  root.querySelectorAll("[data-maxlength]").forEach((el) => {
    if (el.dataset.countAttached) return;
    el.dataset.countAttached = "1";
    const out = document.createElement("small");
    out.className = "char-count";
    el.insertAdjacentElement("afterend", out);
    updateCount(el);
  });
}

document.addEventListener("input", (event) => {
  if (event.target instanceof Element && event.target.matches("[data-maxlength]")) {
    updateCount(event.target);
  }
});

document.addEventListener("change", (event) => {
  if (event.target instanceof Element && event.target.name) applyShowWhen(document);
});

// 「選ぶ」 in the 4情報 search of an entry form (juki/_person_pick.html): the person's
// 宛名番号 goes into the entry form's field; a textarea (one 宛名番号 a line) gets a line.
document.addEventListener("click", (event) => {
  if (!(event.target instanceof Element)) return;
  const button = event.target.closest("[data-pick-value]");
  if (!button) return;
  const form = button.closest("form");
  const field = form ? form.elements.namedItem(button.dataset.pickTarget) : null;
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return;
  const value = button.dataset.pickValue;
  if (field instanceof HTMLTextAreaElement) {
    const lines = field.value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
    if (!lines.includes(value)) lines.push(value);
    field.value = lines.join("\n");
  } else {
    field.value = value;
  }
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.dispatchEvent(new Event("change", { bubbles: true }));
  const status = button.closest(".person-pick")?.querySelector(".pick-status");
  if (status) status.textContent = `${button.dataset.pickLabel}（宛名番号 ${value}）を入れました。`;
  field.focus();
});

// form[data-focus-first]: focus lands on the first field the clerk has to fix, else on
// the first field of the form (UI.md: focus lands on the first field).
function focusFirst() {
  if (document.querySelector("[autofocus]")) return;
  const form = document.querySelector("form[data-focus-first]");
  if (!form) return;
  const fields = Array.from(form.querySelectorAll(FIELD_SELECTOR)).filter(isFillable);
  const wrong = fields.find((f) => f.getAttribute("aria-invalid") === "true");
  const target = wrong || fields[0];
  if (target) target.focus();
}

function enhance(root) {
  applyShowWhen(root);
  attachCounters(root);
}

document.addEventListener("DOMContentLoaded", () => {
  enhance(document);
  focusFirst();
});
document.addEventListener("htmx:afterSettle", (event) => enhance(event.target));

// The お釣り preview at 交付 (counter/handover.html): what the server will compute from the
// お預かり金額 typed and the total it priced. Only a preview: the server computes the
// change again on submit and refuses short cash next to the field.
document.addEventListener("input", (event) => {
  const el = event.target;
  if (!(el instanceof HTMLInputElement) || el.name !== "received_yen") return;
  const total = document.getElementById("fee-total");
  const out = document.getElementById("change-preview");
  if (!total || !out) return;
  const typed = el.value.normalize("NFKC").replace(/[,円\s]/g, "");
  const received = /^\d+$/.test(typed) ? Number(typed) : NaN;
  const due = Number(total.dataset.total);
  if (Number.isNaN(received)) out.textContent = "";
  else if (received < due) out.textContent = `${(due - received).toLocaleString("ja-JP")}円足りません`;
  else out.textContent = `お釣り ${(received - due).toLocaleString("ja-JP")}円（交付で確定）`;
});
