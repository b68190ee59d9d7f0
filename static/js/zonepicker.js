// The zone picker, as you type: matching zones come from /zones/search/ and are shown as
// links to this page with ?tz=. Choosing one remembers it (the `tz` cookie that
// static/js/localtime.js reads), so the next visit shows that zone at once. Without
// JavaScript the search form asks the server for the same list.
const SEARCH_DELAY_MS = 200;
const COOKIE = "tz";
// Django's JavaScript catalogue (base.html loads it first) gives the page's language; where
// it is missing the English text stays.
const gettext = globalThis.gettext ?? ((text) => text);
const ngettext = globalThis.ngettext ?? ((one, other, count) => (count === 1 ? one : other));
const interpolate = globalThis.interpolate
  ?? ((text, values) => text.replace(/%\(([^)]+)\)s/g, (match, key) => String(values[key])));

// As static/js/localtime.js writes it (not imported from there: with hashed static names a
// relative import would load a second copy of that module, which rewrites the page).
function remember(zone) {
  const secure = location.protocol === "https:" ? "; secure" : "";
  document.cookie = `${COOKIE}=${zone}; path=/; max-age=31536000; samesite=lax${secure}`;
}

function zoneLink(form, zone) {
  const params = new URLSearchParams();
  for (const input of form.querySelectorAll("input[type=hidden]")) {
    if (input.name !== "tz") params.append(input.name, input.value);
  }
  params.set("tz", zone);
  // "/" stays as it is in a zone's name, as in the server's own links.
  return `${form.getAttribute("action")}?${params.toString().replaceAll("%2F", "/")}`;
}

for (const form of document.querySelectorAll("form[data-zone-search]")) {
  const section = form.closest("section");
  const input = form.querySelector("input[type=search]");
  const list = section.querySelector("[data-zone-matches]");
  const status = section.querySelector("[role=status]");
  let timer = null;
  let controller = null;

  async function search() {
    const query = input.value.trim();
    controller?.abort();
    if (query.length < 2) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    controller = new AbortController();
    let answer;
    try {
      const response = await fetch(`${form.dataset.zoneSearch}?q=${encodeURIComponent(query)}`, {
        signal: controller.signal,
      });
      if (!response.ok) return; // refused input (a 400): the list stays as it was
      answer = await response.json();
    } catch {
      return;
    }
    list.replaceChildren(
      ...answer.zones.map((zone) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = zoneLink(form, zone.name);
        link.dataset.zoneChoice = zone.name;
        link.textContent = zone.label; // text, never markup
        item.append(link);
        return item;
      }),
    );
    const count = answer.zones.length;
    // Translators: the zone search's answer; query is what the visitor typed.
    status.textContent = count
      ? interpolate(ngettext(
        "%(count)s zone match “%(query)s”: choose yours.",
        "%(count)s zones match “%(query)s”: choose yours.",
        count,
      ), { count, query }, true)
      : interpolate(gettext("No zone matches “%(query)s”."), { query }, true);
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, SEARCH_DELAY_MS);
  });
  // Down from the box into the matches, up and down among them, up from the first back to
  // the box; Tab and Enter work as on any list of links.
  section.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = [...list.querySelectorAll("a[data-zone-choice]")];
    const at = event.target === input ? -1 : links.indexOf(event.target);
    if (links.length === 0 || (at === -1 && event.target !== input)) return;
    event.preventDefault();
    const next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) input.focus();
    else links[Math.min(next, links.length - 1)].focus();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
}

document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[data-zone-choice]");
  if (link) remember(link.dataset.zoneChoice);
});
