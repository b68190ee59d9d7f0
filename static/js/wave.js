// "I'm waving!" on the event page while the window is open: the tap is counted here (a
// POST with a token from /form-token/, once per browser), and the number of people waving
// is fetched again every few seconds from the cacheable /events/<slug>/waves.json.
// Without JavaScript the button is a link to the wave's own page.
const panel = document.querySelector("[data-wave-panel]");
const button = panel?.querySelector("[data-wave]");
const count = panel?.querySelector("[data-wave-count]");
const map = document.querySelector("[data-waves-map]");
const EVERY_MS = 5000;
let mine = ""; // the visitor's own square, "lat,lon", once they have waved
// What the visitor's own wave was told ({ words, number }): the live count is a second
// behind it, so the count shown afterwards never drops below it.
let told = null;
// A crowd behind one address (a mobile network, a watch party's Wi-Fi) may be asked to wait
// (429, Retry-After): the tap is sent again then, a few seconds apart from the others.
let retries = 0;
const MAX_RETRIES = 15;
// Django's JavaScript catalogue (base.html loads it first) gives the page's language; where
// it is missing the English text stays.
const gettext = globalThis.gettext ?? ((text) => text);
const ngettext = globalThis.ngettext ?? ((one, other, count) => (count === 1 ? one : other));
const interpolate = globalThis.interpolate
  ?? ((text, values) => text.replace(/%\(([^)]+)\)s/g, (match, key) => String(values[key])));

// The map of waves again: a new address every few seconds (each is cached a second).
function refreshMap() {
  if (!map) return;
  const url = new URL(map.src, location.href);
  url.searchParams.set("t", String(Math.floor(Date.now() / EVERY_MS)));
  if (mine) url.searchParams.set("mine", mine);
  map.src = url.pathname + url.search;
}

const LANGUAGE = document.documentElement.lang || "en";
const LOCALE = LANGUAGE === "en" ? "en-GB" : LANGUAGE;

function people(number) {
  // Translators: the live count on the event page, "1,234 people are waving".
  return interpolate(
    ngettext("%(count)s person is waving", "%(count)s people are waving", number),
    { count: number.toLocaleString(LOCALE) },
    true,
  );
}

function ownCount(number) {
  // Translators: counted is "Counted" or "Counted already"; people is "1,234 people are
  // waving".
  return interpolate(gettext("%(counted)s: %(people)s, you among them."), {
    counted: told.words,
    people: people(Math.max(number, told.number)),
  }, true);
}

async function refreshCount() {
  try {
    const response = await fetch(panel.dataset.wavesUrl, { headers: { Accept: "application/json" } });
    // After a refused wave its answer stays; after a counted one the count goes on.
    if (!response.ok || (count.dataset.mine && !told)) return;
    const number = (await response.json()).count;
    // Translators: people is "1,234 people are waving"; the sentence's full stop.
    count.textContent = told ? ownCount(number) : interpolate(gettext("%(people)s."), { people: people(number) }, true);
  } catch {
    // The next round tries again.
  }
}

async function wave(event) {
  event.preventDefault();
  try {
    const { token } = await (await fetch("/form-token/", { credentials: "same-origin" })).json();
    const body = new FormData();
    body.set("csrfmiddlewaretoken", token);
    body.set("tz", document.body.dataset.zone || "");
    const response = await fetch(button.href, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    const answer = await response.json();
    count.dataset.mine = "1";
    if (response.status === 429 && retries < MAX_RETRIES) {
      retries += 1;
      const wait = Number(response.headers.get("Retry-After")) || 60;
      setTimeout(() => button.click(), (wait + Math.random() * 10) * 1000);
    }
    if (response.ok) {
      const words = answer.new ? gettext("Counted") : gettext("Counted already");
      told = { words, number: Math.max(answer.count, told?.number ?? 0) };
    }
    if (response.ok && answer.cell) {
      mine = answer.cell.join(",");
      refreshMap();
    }
    count.textContent = response.ok ? ownCount(answer.count) : answer.error;
  } catch {
    location.href = button.href; // the page of its own still works
  }
}

if (panel && button && count) {
  button.addEventListener("click", wave);
  refreshCount();
  setInterval(() => {
    refreshCount();
    refreshMap();
  }, EVERY_MS);
}
