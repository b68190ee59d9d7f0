// Filter the zone list as the visitor types. Without JavaScript the same search runs on
// the server (the search form), so this is only a shortcut.
for (const input of document.querySelectorAll("[data-zone-filter]")) {
  const select = document.getElementById(input.dataset.zoneFilter);
  if (!select) continue;
  input.addEventListener("input", () => {
    const needle = input.value.trim().toLowerCase();
    for (const group of select.querySelectorAll("optgroup")) {
      const country = group.label.toLowerCase();
      let visible = 0;
      for (const option of group.querySelectorAll("option")) {
        const match = !needle || country.includes(needle) || option.textContent.toLowerCase().includes(needle);
        option.hidden = !match;
        option.disabled = !match;
        if (match) visible += 1;
      }
      group.hidden = visible === 0;
    }
    const first = select.querySelector("option:not([disabled])");
    if (first && select.selectedOptions[0]?.disabled) first.selected = true;
  });
}
