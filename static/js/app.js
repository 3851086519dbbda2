// Enter in a text field moves to the next field instead of submitting a half-filled
// form (UI.md): only a button press, or Enter on the button, submits.
document.addEventListener("keydown", (event) => {
  const el = event.target;
  if (event.key !== "Enter" || event.isComposing) return;
  if (!(el instanceof HTMLInputElement) || el.type === "submit" || el.type === "button") return;
  const form = el.form;
  if (!form || form.dataset.enterSubmits === "true") return;
  event.preventDefault();
  const fields = Array.from(form.elements).filter(
    (f) => !f.disabled && f.type !== "hidden" && f.tabIndex >= 0
  );
  const next = fields[fields.indexOf(el) + 1];
  if (next) next.focus();
});
