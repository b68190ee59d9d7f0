// The admin's searchable pickers (Django's autocomplete, select2) name their box only by
// the choice shown in it: empty, the box and the text box in it have no name for a screen
// reader (axe: aria-input-field-name). As soon as select2 has drawn them, both are named by
// the field's label as well.
function nameThePickers() {
  for (const select of document.querySelectorAll("select.admin-autocomplete")) {
    const label = document.querySelector(`label[for="${select.id}"]`);
    const box = select.parentElement?.querySelector('.select2-selection[role="combobox"]');
    if (!label || !box) continue;
    label.id ||= `${select.id}-label`;
    const shown = box.getAttribute("aria-labelledby") || "";
    if (!shown.split(" ").includes(label.id)) {
      box.setAttribute("aria-labelledby", `${label.id} ${shown}`.trim());
    }
    // The read-only text box inside it, which shows the choice, is named the same.
    box.querySelector('[role="textbox"]')?.setAttribute("aria-labelledby", label.id);
  }
}

// Whenever select2 draws a picker (on page load, in one of jQuery's ready handlers, or
// later for a new inline form): at once, before anything reads the page.
new MutationObserver(nameThePickers).observe(document.documentElement, {
  childList: true,
  subtree: true,
});
nameThePickers();
